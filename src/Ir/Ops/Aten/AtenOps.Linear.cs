using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Linear algebra.</summary>
public static partial class AtenOps
{
    /// <summary><c>input @ weight.T + bias</c> over the last dimension of <paramref name="input"/>.</summary>
    [Schema("aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor")]
    public static Tensor linear(Tensor input, Tensor weight, Tensor? bias) => Linear(input, weight, bias, Epilogue.None);

    // linear, and with Epilogue.Relu the fused torchjit::linear_relu (bit-identical to linear then relu).
    private static Tensor Linear(Tensor input, Tensor weight, Tensor? bias, Epilogue epilogue)
    {
        var (m, k, n, shape) = LinearShape(input.Shape.ToArray(), weight.Shape.ToArray(), bias?.Shape.ToArray());
        var result = Tensor.UninitializedFloat32(shape);
        var x = Operands.AsFloat("aten::linear", input);
        var b = bias is null ? default : Operands.AsFloat("aten::linear", bias);
        if (m >= PackedLinearRows && n >= PackedLinearColumns)
        {
            // Batches take the packed SGEMM; the weight is packed once per tensor (and again if copy_ changes it).
            Gemm.Sgemm(false, m, x, k, PackedWeight(weight, k, n), b, result.Float32Span, n, epilogue);
            return result;
        }

        Gemm.Linear(x, Operands.AsFloat("aten::linear", weight), b, result.Float32Span, m, k, n);
        if (epilogue == Epilogue.Relu) Elementwise.Unary<ReluOperator>(result.Float32Span, result.Float32Span);
        return result;
    }

    // Where Gemm.Linear itself switches from dot kernels to packed SGEMM (Note [Linear order]).
    private const int PackedLinearRows = 12;
    private const int PackedLinearColumns = 16;

    private static readonly TensorDerivedCache<(int K, int N), PackedMatrix> PackedLinearWeights =
        new((w, kn) => Gemm.PackB(Operands.AsFloat("aten::linear", w), kn.K, kn.N, transB: true, ldb: kn.K));

    private static PackedMatrix PackedWeight(Tensor weight, int k, int n) => PackedLinearWeights.Get(weight, (k, n), static (a, b) => a == b);

    /// <summary>
    /// <c>torch.matmul</c>: dot product (1-D·1-D), matrix-vector, vector-matrix, matrix product, and batched
    /// products with the batch dimensions broadcast (every case of PyTorch's matmul).
    /// </summary>
    [Schema("aten::matmul(Tensor self, Tensor other) -> Tensor")]
    public static Tensor matmul(Tensor self, Tensor other)
    {
        const string op = "aten::matmul";
        if (self.Dim == 0 || other.Dim == 0)
            throw new ArgumentException($"{op}: both arguments need at least 1 dimension, got {self.Describe()} and {other.Describe()}");
        // A 1-D left operand is a row vector, a 1-D right operand a column vector; the added dim is removed after.
        var a = self.Dim == 1 ? unsqueeze(self, 0) : self;
        var b = other.Dim == 1 ? unsqueeze(other, 1) : other;
        int m = a.Shape[^2], k = a.Shape[^1], n = b.Shape[^1];
        if (b.Shape[^2] != k)
            throw new ArgumentException($"{op}: {self.Describe()} @ {other.Describe()}: inner sizes {k} and {b.Shape[^2]} differ");
        var batch = Broadcasting.BroadcastShapes(a.Shape[..^2], b.Shape[..^2]);
        var result = BatchedMatMul(expand(a, [.. batch.Select(s => (long)s), m, k], false), expand(b, [.. batch.Select(s => (long)s), k, n], false), batch, m, k, n);
        var shape = new List<int>(batch);
        if (self.Dim > 1) shape.Add(m);
        if (other.Dim > 1) shape.Add(n);
        return reshape(result, [.. shape.Select(s => (long)s)]);
    }

    /// <summary>Matrix product of two 2-D tensors.</summary>
    [Schema("aten::mm(Tensor self, Tensor mat2) -> Tensor")]
    public static Tensor mm(Tensor self, Tensor mat2)
    {
        if (self.Dim != 2 || mat2.Dim != 2) throw new ArgumentException($"aten::mm: expects 2-D tensors, got {self.Describe()} and {mat2.Describe()}");
        if (self.Shape[1] != mat2.Shape[0])
            throw new ArgumentException($"aten::mm: {self.Describe()} @ {mat2.Describe()}: inner sizes {self.Shape[1]} and {mat2.Shape[0]} differ");
        return matmul(self, mat2);
    }

    /// <summary>Batched matrix product of two 3-D tensors with equal batch sizes.</summary>
    [Schema("aten::bmm(Tensor self, Tensor mat2) -> Tensor")]
    public static Tensor bmm(Tensor self, Tensor mat2)
    {
        if (self.Dim != 3 || mat2.Dim != 3 || self.Shape[0] != mat2.Shape[0])
            throw new ArgumentException($"aten::bmm: expects 3-D tensors with the same batch size, got {self.Describe()} and {mat2.Describe()}");
        if (self.Shape[2] != mat2.Shape[1])
            throw new ArgumentException($"aten::bmm: {self.Describe()} @ {mat2.Describe()}: inner sizes {self.Shape[2]} and {mat2.Shape[1]} differ");
        return matmul(self, mat2);
    }

    /// <summary><c>beta * self + alpha * (mat1 @ mat2)</c>, <paramref name="self"/> broadcast to the product's shape.</summary>
    [Schema("aten::addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor")]
    public static Tensor addmm(Tensor self, Tensor mat1, Tensor mat2, Scalar beta, Scalar alpha)
    {
        var product = mm(mat1, mat2);
        if (alpha.ToDouble() != 1) product = mul(product, alpha);
        if (beta.ToDouble() == 0)
        {
            // As BLAS and PyTorch: beta = 0 ignores self's values (NaN and inf included), not its shape.
            if (!Broadcasting.BroadcastShapes(self.Shape, product.Shape).AsSpan().SequenceEqual(product.Shape))
                throw new ArgumentException($"aten::addmm: self {self.Describe()} does not broadcast to the product's shape [{string.Join(", ", product.Shape.ToArray())}]");
            return product;
        }

        var bias = beta.ToDouble() == 1 ? self : mul(self, beta);
        return add(bias, product, Scalar.One);
    }

    // One GEMM per batch entry over dense [m, k] and [k, n] slices (broadcast batches were expanded by the caller).
    private static Tensor BatchedMatMul(Tensor a, Tensor b, int[] batch, int m, int k, int n)
    {
        long count = Broadcasting.NumElements(batch);
        var x = Operands.AsFloat("aten::matmul", a);
        var y = Operands.AsFloat("aten::matmul", b);
        var result = Tensor.UninitializedFloat32([.. batch, m, n]);
        var c = result.Float32Span;
        for (long i = 0; i < count; i++)
            Gemm.MatMul(x.Slice((int)(i * m * k), m * k), y.Slice((int)(i * k * n), k * n), c.Slice((int)(i * m * n), m * n), m, k, n);
        return result;
    }

    internal static JitType linear_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { } x } || inputs[1] is not TensorType { Sizes: { } w })
            return new TensorType(DType.Float32, null, null);
        int[]? b = inputs.Count > 2 && inputs[2] is TensorType { Sizes: { } bs } ? bs : null;
        return OutputTypes.Complete(DType.Float32, LinearShape(x, w, b).Shape);
    }

    private static (int M, int K, int N, int[] Shape) LinearShape(int[] input, int[] weight, int[]? bias)
    {
        if (weight.Length != 2)
            throw new ArgumentException($"aten::linear: weight must be 2-D [out_features, in_features], got [{string.Join(", ", weight)}]");
        int n = weight[0], k = weight[1];
        if (input.Length == 0 || input[^1] != k)
            throw new ArgumentException($"aten::linear: input of shape [{string.Join(", ", input)}] has {(input.Length == 0 ? 0 : input[^1])} features in its last dimension, but weight [{n}, {k}] expects [*, {k}]");
        if (bias is not null && (bias.Length != 1 || bias[0] != n))
            throw new ArgumentException($"aten::linear: bias must have shape [{n}], got [{string.Join(", ", bias)}]");
        int m = 1;
        for (int i = 0; i < input.Length - 1; i++) m *= input[i];
        var shape = (int[])input.Clone();
        shape[^1] = n;
        return (m, k, n, shape);
    }
}
