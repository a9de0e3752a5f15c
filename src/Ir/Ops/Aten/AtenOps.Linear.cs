using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Linear algebra.</summary>
public static partial class AtenOps
{
    /// <summary><c>input @ weight.T + bias</c> over the last dimension of <paramref name="input"/>.</summary>
    [Schema("aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor")]
    public static Tensor linear(Tensor input, Tensor weight, Tensor? bias) => Linear(input, weight, bias, Epilogue.None);

    internal static void linear_out(Tensor input, Tensor weight, Tensor? bias, Tensor @out) => LinearInto("aten::linear", input, weight, bias, Epilogue.None, @out);

    // linear, and with Epilogue.Relu the fused torchjit::linear_relu (bit-identical to linear then relu).
    private static Tensor Linear(Tensor input, Tensor weight, Tensor? bias, Epilogue epilogue)
    {
        var (_, _, _, shape) = LinearShape(input.Shape.ToArray(), weight.Shape.ToArray(), bias?.Shape.ToArray());
        var result = Tensor.UninitializedFloat32(shape);
        LinearInto("aten::linear", input, weight, bias, epilogue, result);
        return result;
    }

    // The linear into out, which is checked in the name of outOp (the fused ops' own names).
    private static void LinearInto(string outOp, Tensor input, Tensor weight, Tensor? bias, Epilogue epilogue, Tensor @out)
    {
        const string op = "aten::linear";
        var (m, k, n) = LinearSizes(outOp, input, weight, bias, @out);
        var x = Operands.Dense(op, input, ref OutScratch.Left);
        var b = Operands.DenseOrEmpty(op, bias, ref OutScratch.Third);
        var y = @out.Float32Span;
        if (m >= PackedLinearRows && n >= PackedLinearColumns)
        {
            // Batches take the packed SGEMM; the weight is packed once per tensor (and again if copy_ changes it).
            Gemm.Sgemm(false, m, x, k, PackedWeight(weight, k, n), b, y, n, epilogue);
            return;
        }

        Gemm.Linear(x, Operands.Dense(op, weight, ref OutScratch.Right), b, y, m, k, n);
        if (epilogue == Epilogue.Relu) Elementwise.Unary<ReluOperator>(y, y);
    }

    // LinearShape's checks without its arrays, and out checked against [*input[:-1], n]; a failure is reported by LinearShape.
    private static (int M, int K, int N) LinearSizes(string outOp, Tensor input, Tensor weight, Tensor? bias, Tensor @out)
    {
        bool ok = weight.Dim == 2 && input.Dim > 0 && input.Shape[^1] == weight.Shape[1]
            && (bias is null || (bias.Dim == 1 && bias.Shape[0] == weight.Shape[0]));
        if (!ok) LinearShape(input.Shape.ToArray(), weight.Shape.ToArray(), bias?.Shape.ToArray()); // throws
        int n = weight.Shape[0], k = weight.Shape[1], m = 1;
        for (int i = 0; i < input.Dim - 1; i++) m *= input.Shape[i];
        bool fits = @out.Dim == input.Dim && @out.Shape[^1] == n && @out.Shape[..^1].SequenceEqual(input.Shape[..^1]);
        if (!fits) @out.RequireOut(outOp, DType.Float32, LinearShape(input.Shape.ToArray(), weight.Shape.ToArray(), bias?.Shape.ToArray()).Shape);
        @out.RequireOut(outOp, DType.Float32, @out.Shape);
        return (m, k, n);
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
    public static Tensor matmul(Tensor self, Tensor other) => MatMulInto("aten::matmul", self, other, null)!;

    internal static void matmul_out(Tensor self, Tensor other, Tensor @out) => MatMulInto("aten::matmul", self, other, @out);

    /// <summary>Matrix product of two 2-D tensors.</summary>
    [Schema("aten::mm(Tensor self, Tensor mat2) -> Tensor")]
    public static Tensor mm(Tensor self, Tensor mat2)
    {
        CheckMm(self, mat2);
        return matmul(self, mat2);
    }

    internal static void mm_out(Tensor self, Tensor mat2, Tensor @out)
    {
        CheckMm(self, mat2);
        MatMulInto("aten::mm", self, mat2, @out);
    }

    /// <summary>Batched matrix product of two 3-D tensors with equal batch sizes.</summary>
    [Schema("aten::bmm(Tensor self, Tensor mat2) -> Tensor")]
    public static Tensor bmm(Tensor self, Tensor mat2)
    {
        CheckBmm(self, mat2);
        return matmul(self, mat2);
    }

    internal static void bmm_out(Tensor self, Tensor mat2, Tensor @out)
    {
        CheckBmm(self, mat2);
        MatMulInto("aten::bmm", self, mat2, @out);
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

    // The same steps into out: the product, scaled in place, then bias + out in place (out is the full-size side).
    internal static void addmm_out(Tensor self, Tensor mat1, Tensor mat2, Scalar beta, Scalar alpha, Tensor @out)
    {
        const string op = "aten::addmm";
        bool allFloat = self.DType == DType.Float32 && mat1.DType == DType.Float32 && mat2.DType == DType.Float32;
        if (!allFloat || mat1.Dim != 2 || mat2.Dim != 2 || !Operands.BroadcastsTo(self.Shape, [mat1.Shape[0], mat2.Shape[1]]))
        {
            Tensor.CopyResult(op, addmm(self, mat1, mat2, beta, alpha), @out); // throws for bad arguments
            return;
        }

        CheckMm(mat1, mat2);
        MatMulInto(op, mat1, mat2, @out);
        var y = @out.Float32Span;
        if (alpha.ToDouble() != 1) ScaleInto(y, Operands.ScalarAsFloat(alpha), y);
        if (beta.ToDouble() == 0) return;
        var bias = Operands.Dense(op, self, ref OutScratch.Left);
        if (beta.ToDouble() != 1)
        {
            var scaled = OutScratch.Floats(ref OutScratch.Scaled, bias.Length);
            ScaleInto(bias, Operands.ScalarAsFloat(beta), scaled);
            bias = scaled;
        }

        Broadcasting.Binary<AddOperator>(bias, self.Shape, y, @out.Shape, y, @out.Shape);
    }

    private static void CheckMm(Tensor self, Tensor mat2)
    {
        if (self.Dim != 2 || mat2.Dim != 2) throw new ArgumentException($"aten::mm: expects 2-D tensors, got {self.Describe()} and {mat2.Describe()}");
        if (self.Shape[1] != mat2.Shape[0])
            throw new ArgumentException($"aten::mm: {self.Describe()} @ {mat2.Describe()}: inner sizes {self.Shape[1]} and {mat2.Shape[0]} differ");
    }

    private static void CheckBmm(Tensor self, Tensor mat2)
    {
        if (self.Dim != 3 || mat2.Dim != 3 || self.Shape[0] != mat2.Shape[0])
            throw new ArgumentException($"aten::bmm: expects 3-D tensors with the same batch size, got {self.Describe()} and {mat2.Describe()}");
        if (self.Shape[2] != mat2.Shape[1])
            throw new ArgumentException($"aten::bmm: {self.Describe()} @ {mat2.Describe()}: inner sizes {self.Shape[2]} and {mat2.Shape[1]} differ");
    }

    // matmul into out (checked in the name of outOp), or into a new tensor when out is null (returned). A 1-D left operand is a row vector and
    // a 1-D right operand a column vector (the added dim is not in the result); the batch dims broadcast, and
    // each batch's [m, k] and [k, n] matrices are read where they lie (BatchIndex), one GEMM per batch.
    private static Tensor? MatMulInto(string outOp, Tensor self, Tensor other, Tensor? @out)
    {
        const string op = "aten::matmul";
        if (self.Dim == 0 || other.Dim == 0)
            throw new ArgumentException($"{op}: both arguments need at least 1 dimension, got {self.Describe()} and {other.Describe()}");
        var a = self.Shape;
        var b = other.Shape;
        int m = self.Dim == 1 ? 1 : a[^2], k = a[^1], n = other.Dim == 1 ? 1 : b[^1];
        int bRows = other.Dim == 1 ? b[0] : b[^2];
        if (bRows != k)
            throw new ArgumentException($"{op}: {self.Describe()} @ {other.Describe()}: inner sizes {k} and {bRows} differ");
        var aBatch = self.Dim > 2 ? a[..^2] : default;
        var bBatch = other.Dim > 2 ? b[..^2] : default;
        int rank = Math.Max(aBatch.Length, bBatch.Length);
        Span<int> shapes = rank <= 14 ? stackalloc int[2 * 16] : new int[2 * (rank + 2)];
        Span<int> shape = shapes[..(rank + 2)], index = shapes.Slice(rank + 2, rank);
        var batch = shape[..rank];
        if (!BatchIndex.TryBroadcast(aBatch, bBatch, batch)) _ = Broadcasting.BroadcastShapes(aBatch, bBatch); // throws
        int dims = rank;
        if (self.Dim > 1) shape[dims++] = m;
        if (other.Dim > 1) shape[dims++] = n;
        var result = @out ?? Tensor.UninitializedFloat32(shape[..dims]);
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        var y = Operands.Dense(op, other, ref OutScratch.Right);
        result.RequireOut(outOp, DType.Float32, shape[..dims]);
        BatchIndex.MatMul(x, aBatch, y, bBatch, result.Float32Span, batch, index, m, k, n);

        return @out is null ? result : null;
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
