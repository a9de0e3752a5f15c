using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace TorchJit.Kernels;

/// <summary>Turns comparison bitmasks into .NET bools (one byte each, 0 or 1).</summary>
internal static class BoolBytes
{
    private const ulong LowBitOfEachByte = 0x0101010101010101UL;

    /// <summary>
    /// Bit i of the low byte of <paramref name="bits"/> becomes byte i (little-endian) of the result, as 0 or 1.
    /// One PDEP where BMI2 exists; a branch-free multiply trick elsewhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Spread8(uint bits)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.ParallelBitDeposit(bits & 0xFFu, LowBitOfEachByte);
        }

        return Spread8Portable(bits);
    }

    /// <summary>The non-BMI2 path, exposed for tests.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Spread8Portable(uint bits)
    {
        // Copy the byte into all 8 bytes (no carries: it is < 256), keep only bit i in byte i, then add 0x7F
        // per byte so bit 7 says "nonzero" (at most 0x80 + 0x7F = 0xFF: no carry into the next byte), and
        // shift that bit down to bit 0.
        ulong r = (bits & 0xFFu) * LowBitOfEachByte;
        r &= 0x8040201008040201UL;
        return ((r + 0x7F7F7F7F7F7F7F7FUL) >> 7) & LowBitOfEachByte;
    }
}
