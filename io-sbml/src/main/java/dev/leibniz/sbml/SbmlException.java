package dev.leibniz.sbml;

import dev.leibniz.core.LeibnizException;

/**
 * Bad SBML or PEtab input: an unreadable file, an undefined id, an unsupported construct, a
 * malformed table row. The message names the file and the SBML element id or table row.
 * Command-line tools map it to exit status 2.
 */
public class SbmlException extends LeibnizException {
    public SbmlException(String message) {
        super(message);
    }

    public SbmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
