using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

/// <summary>
/// A right-hand matrix op(B)[K, N] packed once by <see cref="Gemm.PackB"/> into the panel layout the SGEMM
/// micro-kernel streams (frozen weights). Immutable after packing; safe to share between threads.
/// </summary>
public sealed class PackedMatrix
{
    private readonly float[] data;
    private readonly int offset;

    internal PackedMatrix(GemmPackedLayout layout, VectorWidth width, GemmBlocking blocking)
    {
        Layout = layout;
        Width = width;
        Blocking = blocking;
        data = GemmScratch.AllocateAligned(layout.Length, out offset);
    }

    /// <summary>Rows of op(B): the reduction length.</summary>
    public int K => Layout.K;

    /// <summary>Columns of op(B): the output width.</summary>
    public int N => Layout.N;

    internal GemmPackedLayout Layout { get; }

    /// <summary>The resolved width the panels were packed for; products with this matrix run at it.</summary>
    internal VectorWidth Width { get; }

    internal GemmBlocking Blocking { get; }

    internal ref float Data => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), offset);
}
