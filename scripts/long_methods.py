#!/usr/bin/env python3
"""List long methods and long files in the main sources of every module.

Usage: python3 scripts/long_methods.py [--methods N] [--files M] [ROOT]

Prints every method or constructor whose body spans more than N lines (default 60,
counted from the line holding its name to its closing brace) and every file under
*/src/main/java longer than M lines (default 450), longest first.  It is a reading aid
for the "readable code" rule (docs: one concept per file, ~50-400 lines), not a gate:
the parse is a brace scan over the source with comments and literals blanked out,
good enough for this code base's formatting, not a Java parser.
"""
import os
import re
import sys

TYPE_DECL = re.compile(r'(?<![.\w])(class|interface|enum|record)\s+[A-Za-z_$][\w$]*\s*[<({]?')
ANON_CLASS = re.compile(r'\bnew\s+[\w.<>\[\], ?]+\([^;]*\)\s*$', re.S)
CONTROL = {'if', 'for', 'while', 'switch', 'catch', 'synchronized', 'try', 'else', 'do',
           'return', 'new', 'throw', 'finally'}
METHOD_HEAD = re.compile(r'([A-Za-z_$][\w$]*)\s*\((.*)\)\s*(throws\s+[\w.,\s]+)?$', re.S)
COMPACT_CTOR = re.compile(r'^(?:(?:public|protected|private)\s+)?([A-Z][\w$]*)$')


def blank(src):
    """Replace comments, string, text-block and char literals by spaces, keeping newlines."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith('//', i):
            j = src.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif src.startswith('/*', i):
            j = src.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', src[i:j]))
            i = j
        elif src.startswith('"""', i):
            j = src.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append('"' + re.sub(r'[^\n]', ' ', src[i + 1:j - 1]) + '"')
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == '\\' else 1
            j = min(j + 1, n)
            out.append(c + ' ' * (j - i - 2) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def methods(path):
    """Yield (name, first_line, line_count) for each method or constructor body in a file."""
    with open(path, encoding='utf-8') as f:
        text = blank(f.read())
    stack = []          # entries: (kind, name, start_line)
    last_stop = 0       # index just after the last ';', '{' or '}'
    line = 1
    for i, c in enumerate(text):
        if c == '\n':
            line += 1
        elif c == '{':
            head = text[last_stop:i].strip()
            head = re.sub(r'@\w+(\([^)]*\))?', ' ', head).strip()   # annotations
            parent = stack[-1][0] if stack else None
            kind, name = 'block', None
            m = METHOD_HEAD.search(head)
            if TYPE_DECL.search(head):
                kind = 'type'
            elif ANON_CLASS.search(head):
                kind = 'type'
            elif parent == 'type' and m and m.group(1) not in CONTROL \
                    and '->' not in head and '=' not in head[:m.start()]:
                kind, name = 'method', m.group(1)
            elif parent == 'type' and COMPACT_CTOR.search(head):
                kind, name = 'method', COMPACT_CTOR.search(head).group(1)
            start = line
            if kind == 'method':    # count from the line holding the method's name
                pos = text.rfind(name, last_stop, i)
                start = text.count('\n', 0, pos) + 1
            stack.append((kind, name, start))
            last_stop = i + 1
        elif c == '}':
            if stack:
                kind, name, start = stack.pop()
                if kind == 'method':
                    yield name, start, line - start + 1
            last_stop = i + 1
        elif c == ';':
            last_stop = i + 1


def main(argv):
    max_method, max_file, root = 60, 450, '.'
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == '--methods':
            max_method = int(args.pop(0))
        elif a == '--files':
            max_file = int(args.pop(0))
        else:
            root = a
    long_methods, long_files = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in ('target', '.git', 'node_modules')]
        if '/src/main/java' not in dirpath.replace(os.sep, '/') + '/':
            continue
        for fn in filenames:
            if not fn.endswith('.java'):
                continue
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8') as f:
                n = sum(1 for _ in f)
            if n > max_file:
                long_files.append((n, rel))
            for name, start, count in methods(path):
                if count > max_method:
                    long_methods.append((count, rel, start, name))
    print(f'# methods over {max_method} lines: {len(long_methods)}')
    for count, rel, start, name in sorted(long_methods, key=lambda t: (-t[0], t[1])):
        print(f'{count:5d}  {rel}:{start}  {name}')
    print(f'# main-source files over {max_file} lines: {len(long_files)}')
    for n, rel in sorted(long_files, key=lambda t: (-t[0], t[1])):
        print(f'{n:5d}  {rel}')


if __name__ == '__main__':
    main(sys.argv[1:])
