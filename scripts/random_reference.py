# Reference values for src/init/random.test.ts, written from d3-random's published algorithms rather than run
# through it: randomLcg is the Numerical Recipes LCG (state = 1664525·state + 1013904223 mod 2^32, output
# state / 2^32; a seed in [0, 1) becomes seed·2^32, any other the integer part of |seed|), randomUniform is
# low + u·(high − low), randomNormal Marsaglia's polar method keeping the second value for the next call.
# These streams are part of the link format: a link's seeded initializers replay through them.
#
#   python3 scripts/random_reference.py
import math
import struct


def lcg(seed):
    s = int(seed * 2**32) if 0 <= seed < 1 else int(abs(seed))
    s %= 2**32
    while True:
        s = (1664525 * s + 1013904223) % 2**32
        yield s / 2**32


def normal(source, mu, sigma):
    x = None
    while True:
        if x is not None:
            y, x = x, None
        else:
            while True:
                x = next(source) * 2 - 1
                y = next(source) * 2 - 1
                r = x * x + y * y
                if r and r <= 1:
                    break
        yield mu + sigma * y * math.sqrt(-2 * math.log(r) / r)


def take(gen, n):
    return [repr(next(gen)) for _ in range(n)]


def float32(v):
    return struct.unpack('f', struct.pack('f', v))[0]


def uniform(source, low, high):
    while True:
        yield next(source) * (high - low) + low


for seed in [0, 1, 0.5, -3, 123456789, 2**40 + 5]:
    print('lcg', seed, take(lcg(seed), 3))
print('uniform(-0.5, 0.5) seed 7', take(uniform(lcg(7), -0.5, 0.5), 3))
print('normal(0, 1) seed 0', take(normal(lcg(0), 0, 1), 4))
# PyTorch's default init of nn.GRUCell(3, 4): U(-1/sqrt(H), 1/sqrt(H)), stored as float32.
k = 1 / math.sqrt(4)
pytorch = uniform(lcg(0), -k, k)
print('pytorch H=4 seed 0', [repr(float32(next(pytorch))) for _ in range(4)])
