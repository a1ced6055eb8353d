#!/usr/bin/env python3
"""Asks the GPU's driver which fat binaries it can load and run (CUDA driver API through ctypes; no toolkit).

Usage: probe.py FATBIN...   (a name containing 'scale' is the control kernel of scale.cu: it is also run)

For each file: cuModuleLoadData's result. The driver refuses (CUDA_ERROR_NO_BINARY_FOR_GPU) an image that
holds neither machine code for the GPU's major architecture nor PTX it can compile for it. A loaded control
kernel doubles 1M random floats and is checked against the CPU.
"""
import ctypes
import random
import struct
import sys

cuda = ctypes.CDLL('libcuda.so.1')
ATTRIBUTE_CC_MAJOR, ATTRIBUTE_CC_MINOR = 75, 76


def error_name(code):
    name = ctypes.c_char_p()
    cuda.cuGetErrorName(code, ctypes.byref(name))
    return name.value.decode() if name.value else str(code)


def check(code, what):
    if code != 0:
        raise RuntimeError(f'Cannot {what}: {error_name(code)} ({code})')


def device():
    check(cuda.cuInit(0), 'initialise the driver')
    dev = ctypes.c_int()
    check(cuda.cuDeviceGet(ctypes.byref(dev), 0), 'get device 0')
    name = ctypes.create_string_buffer(256)
    check(cuda.cuDeviceGetName(name, 256, dev), 'read the device name')
    major, minor, version = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    check(cuda.cuDeviceGetAttribute(ctypes.byref(major), ATTRIBUTE_CC_MAJOR, dev), 'read the capability')
    check(cuda.cuDeviceGetAttribute(ctypes.byref(minor), ATTRIBUTE_CC_MINOR, dev), 'read the capability')
    check(cuda.cuDriverGetVersion(ctypes.byref(version)), 'read the driver version')
    print(f'device: {name.value.decode()}, compute capability {major.value}.{minor.value}, '
          f'driver API {version.value // 1000}.{version.value % 1000 // 10}')
    context = ctypes.c_void_p()
    check(cuda.cuDevicePrimaryCtxRetain(ctypes.byref(context), dev), 'retain the primary context')
    check(cuda.cuCtxSetCurrent(context), 'make the context current')


def run_scale(module):
    function = ctypes.c_void_p()
    check(cuda.cuModuleGetFunction(ctypes.byref(function), module, b'scale'), 'find kernel scale')
    n = 1 << 20
    values = [random.uniform(-1, 1) for _ in range(n)]
    host = (ctypes.c_float * n)(*values)
    pointer = ctypes.c_uint64()
    check(cuda.cuMemAlloc_v2(ctypes.byref(pointer), n * 4), 'allocate')
    check(cuda.cuMemcpyHtoD_v2(pointer, host, n * 4), 'copy to the device')
    factor, count = ctypes.c_float(2.0), ctypes.c_int(n)
    params = (ctypes.c_void_p * 3)(ctypes.addressof(pointer), ctypes.addressof(factor), ctypes.addressof(count))
    check(cuda.cuLaunchKernel(function, (n + 255) // 256, 1, 1, 256, 1, 1, 0, None, params, None), 'launch')
    check(cuda.cuCtxSynchronize(), 'run the kernel')
    result = (ctypes.c_float * n)()
    check(cuda.cuMemcpyDtoH_v2(result, pointer, n * 4), 'copy back')
    cuda.cuMemFree_v2(pointer)
    # x * 2 is exact in float32, so every element must match the CPU bit for bit
    expected = [struct.unpack('f', struct.pack('f', v))[0] * 2 for v in values]
    wrong = sum(1 for r, e in zip(result, expected) if r != e)
    return f'ran: {n - wrong}/{n} elements equal 2x'


def main(paths):
    device()
    for path in paths:
        image = open(path, 'rb').read()
        module = ctypes.c_void_p()
        code = cuda.cuModuleLoadData(ctypes.byref(module), ctypes.c_char_p(image))
        outcome = 'loaded' if code == 0 else f'refused: {error_name(code)} ({code})'
        if code == 0 and 'scale' in path:
            outcome += '; ' + run_scale(module)
        print(f'{path}: {outcome}')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
