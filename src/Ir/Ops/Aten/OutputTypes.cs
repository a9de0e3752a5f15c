using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Shared output-type rules for specialization (sizes known when every tensor input's are).</summary>
internal static class OutputTypes
{
    /// <summary>Broadcast of the tensor inputs; float32 if any is float32 (see <see cref="Operands"/>).</summary>
    public static JitType Elementwise(string op, IReadOnlyList<JitType> inputs, DType? resultDType = null)
    {
        int[]? sizes = [];
        DType? dtype = resultDType;
        bool anyFloat = false;
        foreach (var t in inputs)
        {
            if (t is not TensorType tt) continue;
            if (tt.DType == DType.Float32) anyFloat = true;
            if (sizes is null || tt.Sizes is null)
            {
                sizes = null;
                continue;
            }

            try
            {
                sizes = Broadcasting.BroadcastShapes(sizes, tt.Sizes);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{op}: {e.Message}", e);
            }
        }

        dtype ??= anyFloat ? DType.Float32 : null;
        return Complete(dtype, sizes);
    }

    public static TensorType Complete(DType? dtype, int[]? sizes) =>
        sizes is null ? new TensorType(dtype, null, null) : new TensorType(dtype, sizes, ContiguousStrides(sizes), false, "cpu");

    public static int[] ContiguousStrides(int[] sizes)
    {
        var strides = new int[sizes.Length];
        int s = 1;
        for (int i = sizes.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(sizes[i], 1);
        }

        return strides;
    }
}
