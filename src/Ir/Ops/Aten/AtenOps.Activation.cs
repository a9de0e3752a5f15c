using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Activations.</summary>
public static partial class AtenOps
{
    /// <summary><c>max(x, 0)</c>, NaN propagating as in PyTorch.</summary>
    [Schema("aten::relu(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor relu(Tensor self) => self.DType == DType.Int64
        ? IntegerLoops.Unary("aten::relu", self, x => Math.Max(x, 0))
        : Unary<ReluOperator>("aten::relu", self);

    internal static void relu_out(Tensor self, Tensor @out)
    {
        if (self.DType == DType.Float32) UnaryOut<ReluOperator>("aten::relu", self, @out);
        else Tensor.CopyResult("aten::relu", relu(self), @out);
    }
}
