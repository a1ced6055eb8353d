#!/usr/bin/env python3
"""Reads the CUDA fat binaries (.nv_fatbin) of an ELF shared library, without the CUDA toolkit.

Usage:
  fatbin.py arches LIB              what each GPU architecture gets: machine code (ELF/SASS) or PTX, count, bytes
  fatbin.py verify LIB              decompresses the smallest entry of every (kind, arch) and checks its header
  fatbin.py extract LIB MIN MAX OUT writes the first fat binary of MIN..MAX bytes as a standalone file
                                    (cuModuleLoadData and cuobjdump take it as is)

Why: a GPU runs an entry's machine code only when the entry's architecture has the GPU's major version
(sm_8x code runs on 8.x GPUs only); otherwise the driver needs PTX of a virtual architecture at or below the
GPU's, which it compiles at load time. So this table says on which GPUs a library's kernels can run.

Format (as NVIDIA's tools write it; not a published spec): the section holds fat binaries, each a 16-byte
header (magic 0xBA55ED50, version, header size, size) and entries; an entry header holds kind (1 PTX, 2 ELF),
header size, payload size, compressed size, version, arch, flags (0x2000: LZ4-compressed) and the
uncompressed size.
"""
import struct
import sys
from collections import Counter

FATBIN_MAGIC = 0xBA55ED50
KINDS = {1: 'PTX', 2: 'ELF'}
COMPRESSED = 0x2000


def section(data, wanted):
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3A)
    headers = [struct.unpack_from('<IIQQQQ', data, shoff + i * shentsize) for i in range(shnum)]
    names = headers[shstrndx][4]
    for name, _type, _flags, _addr, offset, size in headers:
        if data[names + name:data.index(b'\0', names + name)].decode() == wanted:
            return offset, size
    return None


def fatbins(data):
    """Yields (offset, size, entries) per fat binary; an entry is a dict of its header fields."""
    found = section(data, '.nv_fatbin')
    if found is None:
        return
    p, end = found[0], found[0] + found[1]
    while p < end:
        magic, _version, header_size, size = struct.unpack_from('<IHHQ', data, p)
        if magic != FATBIN_MAGIC:
            p += 8  # fat binaries are 8-byte aligned; the gaps are padding
            continue
        entries = []
        q, q_end = p + header_size, p + header_size + size
        while q < q_end:
            kind, _, entry_header, payload = struct.unpack_from('<HHIQ', data, q)
            compressed, _, minor, major, arch = struct.unpack_from('<IIHHI', data, q + 16)
            flags, _, uncompressed = struct.unpack_from('<QQQ', data, q + 40)
            entries.append(dict(kind=KINDS.get(kind, str(kind)), arch=arch, payload=payload,
                                compressed=compressed, uncompressed=uncompressed, flags=flags,
                                start=q + entry_header))
            q += entry_header + payload
        yield p, header_size + size, entries
        p = q_end


def lz4_block(source, limit):
    """Decodes an LZ4 block (the compression nvcc's -Xfatbin -compress-all uses)."""
    out = bytearray()
    i = 0
    while i < len(source):
        token = source[i]
        i += 1
        literals = token >> 4
        if literals == 15:
            while True:
                more = source[i]
                i += 1
                literals += more
                if more != 255:
                    break
        out += source[i:i + literals]
        i += literals
        if i >= len(source) or len(out) >= limit:
            break
        distance = source[i] | (source[i + 1] << 8)
        i += 2
        length = (token & 15) + 4
        if length == 19:
            while True:
                more = source[i]
                i += 1
                length += more
                if more != 255:
                    break
        for _ in range(length):
            out.append(out[-distance])
    return bytes(out)


def payload(data, entry):
    raw = data[entry['start']:entry['start'] + (entry['compressed'] or entry['payload'])]
    return lz4_block(raw, entry['uncompressed']) if entry['flags'] & COMPRESSED else raw


def arches(data):
    count, size, total = Counter(), Counter(), 0
    for _, _, entries in fatbins(data):
        total += 1
        for e in entries:
            count[(e['kind'], e['arch'])] += 1
            size[(e['kind'], e['arch'])] += e['payload']
    print(f'{total} fat binaries')
    for key in sorted(count):
        print(f'{key[0]} sm_{key[1]}: {count[key]} entries, {size[key]} bytes')


def verify(data):
    smallest = {}
    for _, _, entries in fatbins(data):
        for e in entries:
            key = (e['kind'], e['arch'])
            if key not in smallest or e['payload'] < smallest[key]['payload']:
                smallest[key] = e
    for key in sorted(smallest):
        body = payload(data, smallest[key])
        if key[0] == 'ELF':
            ok = body[:4] == b'\x7fELF'
            # an NVIDIA cubin's e_flags hold its SM version in the low byte
            detail = f"e_flags sm_{struct.unpack_from('<I', body, 0x30)[0] & 0xFF}" if ok else 'no ELF magic'
        else:
            ok = b'.target' in body
            detail = body[body.find(b'.target'):].split(b'\n')[0].decode() if ok else 'no .target line'
        print(f"{key[0]} sm_{key[1]}: {len(body)} bytes (header says {smallest[key]['uncompressed']}), {detail}")


def extract(data, low, high, out):
    for offset, size, entries in fatbins(data):
        if low <= size <= high:
            open(out, 'wb').write(data[offset:offset + size])
            kinds = ', '.join(f"{e['kind']} sm_{e['arch']}" for e in entries)
            print(f'wrote {out}: {size} bytes at offset {offset}: {kinds}')
            return
    sys.exit(f'Cannot extract a fat binary: none of {low}..{high} bytes')


if __name__ == '__main__':
    if len(sys.argv) < 3 or sys.argv[1] not in ('arches', 'verify', 'extract'):
        sys.exit(__doc__)
    library = open(sys.argv[2], 'rb').read()
    if sys.argv[1] == 'arches':
        arches(library)
    elif sys.argv[1] == 'verify':
        verify(library)
    else:
        extract(library, int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
