using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

/// <summary>
/// The no-SIMD reference for <see cref="VectorWidth.Scalar"/>: the same chains as the vector drivers (Note
/// [Sgemm order]), one output at a time, reading B from its one-column panels.
/// </summary>
internal static class GemmScalar
{
    public static void Run(in GemmOperands op, int rowStart, int rowEnd, int panelStart, int panelEnd)
    {
        GemmPackedLayout layout = op.Layout;
        nint aRow = op.TransA ? 1 : op.Lda;
        nint aStep = op.TransA ? op.Lda : 1;
        for (int i = rowStart; i < rowEnd; i++)
        {
            ref float ai = ref Unsafe.Add(ref op.A, i * aRow);
            ref float ci = ref Unsafe.Add(ref op.C, i * op.Ldc);
            for (int j = panelStart; j < panelEnd; j++)
            {
                float acc = op.AccumulateC ? Unsafe.Add(ref ci, j) : 0f;
                for (int q = 0; q < layout.KBlocks; q++)
                {
                    int k0 = layout.BlockStart(q);
                    int kc = layout.BlockDepth(q);
                    ref float bj = ref Unsafe.Add(ref op.B, layout.PanelOffset(q, j));
                    for (int kk = 0; kk < kc; kk++)
                    {
                        acc = MathF.FusedMultiplyAdd(op.Alpha * Unsafe.Add(ref ai, (k0 + kk) * aStep), Unsafe.Add(ref bj, kk), acc);
                    }
                }

                if (op.HasBias)
                {
                    acc += Unsafe.Add(ref op.Bias, j);
                }

                Unsafe.Add(ref ci, j) = op.Relu ? ReluOperator.Invoke(acc) : acc;
            }
        }
    }
}
