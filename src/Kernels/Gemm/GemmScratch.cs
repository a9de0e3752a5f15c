using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

/// <summary>
/// Per-thread packing buffers, grown on demand and then reused, so steady-state SGEMM calls do not allocate.
/// A thread keeps its largest buffers alive (the B buffer holds k x n of the largest unpacked call it made).
/// </summary>
internal static class GemmScratch
{
    /// <summary>Packed buffers start on a 64-byte boundary (a cache line, and one 512-bit vector).</summary>
    public const int AlignmentFloats = 16;

    [ThreadStatic]
    private static float[]? packedA;

    [ThreadStatic]
    private static int packedAOffset;

    [ThreadStatic]
    private static float[]? packedB;

    [ThreadStatic]
    private static int packedBOffset;

    /// <summary>At least <paramref name="length"/> floats for a packed A block; valid until this thread's next call.</summary>
    public static ref float PackedA(int length)
    {
        if (packedA is null || packedA.Length - packedAOffset < length)
        {
            packedA = AllocateAligned(length, out packedAOffset);
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedA), packedAOffset);
    }

    /// <summary>At least <paramref name="length"/> floats for a packed B; valid until this thread's next call.</summary>
    public static ref float PackedB(int length)
    {
        if (packedB is null || packedB.Length - packedBOffset < length)
        {
            packedB = AllocateAligned(length, out packedBOffset);
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedB), packedBOffset);
    }

    /// <summary>
    /// A pinned array (so worker threads may hold raw pointers into it and the alignment survives GC) with room
    /// for <paramref name="length"/> floats from index <paramref name="offset"/>, which is 64-byte aligned.
    /// </summary>
    public static unsafe float[] AllocateAligned(int length, out int offset)
    {
        var array = GC.AllocateUninitializedArray<float>(length + AlignmentFloats, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        offset = (int)((-address & ((AlignmentFloats * sizeof(float)) - 1)) / sizeof(float));
        return array;
    }
}
