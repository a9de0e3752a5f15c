using TorchJit.Ir;

namespace TorchJit.Onnx;

/// <summary>
/// Layers: GEMMs, convolutions, norms, pools, softmax, embedding and attention — and TorchJit's fused nodes
/// (should a graph already carry them) split back into the ONNX ops they fuse.
/// </summary>
internal static partial class Symbolics
{
    private static void AddNn(Dictionary<string, Symbolic> t)
    {
        t["aten::linear"] = c => c.Bind(0, Linear(c));
        t["torchjit::linear_relu"] = c =>
        {
            var y = Linear(c);
            c.Bind(0, y with { Name = c.Emit("Relu", [y.Name]) });
        };
        t["torchjit::linear_activation"] = c =>
        {
            var y = Linear(c);
            string activation = c.String(3);
            string name = activation switch
            {
                "relu" => c.Emit("Relu", [y.Name]),
                "sigmoid" => c.Emit("Sigmoid", [y.Name]),
                "tanh" => c.Emit("Tanh", [y.Name]),
                _ => throw c.Fail($"activation '{activation}' has no ONNX mapping"),
            };
            c.Bind(0, y with { Name = name });
        };
        // addmm(self, a, b, beta, alpha) = beta * self + alpha * (a @ b): Gemm exactly.
        t["aten::addmm"] = c =>
        {
            var self = c.In(0);
            c.Bind(c.Emit("Gemm", [c.In(1).Name, c.In(2).Name, self.Name], Attr.Float("beta", c.Double(3)), Attr.Float("alpha", c.Double(4))), self.Type, 2);
        };
        t["aten::matmul"] = MatMul;
        t["aten::mm"] = MatMul;
        t["aten::bmm"] = MatMul;

        t["aten::conv2d"] = c => c.Bind(0, Conv(c, 2));
        t["aten::conv1d"] = c => c.Bind(0, Conv(c, 1));
        t["torchjit::conv2d_relu"] = c =>
        {
            var y = Conv(c, 2);
            c.Bind(0, y with { Name = c.Emit("Relu", [y.Name]) });
        };
        t["aten::batch_norm"] = BatchNorm;
        t["aten::layer_norm"] = c => c.Bind(0, LayerNorm(c, c.In(0), 1));
        // add_layer_norm(x, y, shape, w, b, eps) = layer_norm(x + y, shape, w, b, eps)
        t["torchjit::add_layer_norm"] = c =>
        {
            var x = c.In(0);
            var sum = x with { Name = c.Emit("Add", [x.Name, c.In(1, x.Type).Name]) };
            c.Bind(0, LayerNorm(c, sum, 2));
        };
        t["aten::max_pool2d"] = c =>
        {
            var x = c.In(0);
            var kernel = c.Ints(1, 2);
            var stride = c.Ints(2, 2) is [] ? kernel : c.Ints(2, 2);
            var padding = c.Ints(3, 2);
            c.Bind(c.Emit("MaxPool", [x.Name],
                Attr.Ints("kernel_shape", kernel), Attr.Ints("strides", stride), Attr.Ints("pads", [.. padding, .. padding]),
                Attr.Ints("dilations", c.Ints(4, 2)), Attr.Int("ceil_mode", c.Bool(5) ? 1 : 0)), x.Type, x.Rank);
        };
        t["aten::avg_pool2d"] = c =>
        {
            var x = c.In(0);
            if (!c.IsNone(6)) throw c.Fail("divisor_override has no ONNX AveragePool equivalent");
            var kernel = c.Ints(1, 2);
            var stride = c.Ints(2, 2) is [] ? kernel : c.Ints(2, 2);
            var padding = c.Ints(3, 2);
            c.Bind(c.Emit("AveragePool", [x.Name],
                Attr.Ints("kernel_shape", kernel), Attr.Ints("strides", stride), Attr.Ints("pads", [.. padding, .. padding]),
                Attr.Int("ceil_mode", c.Bool(4) ? 1 : 0), Attr.Int("count_include_pad", c.Bool(5) ? 1 : 0)), x.Type, x.Rank);
        };
        t["aten::adaptive_avg_pool2d"] = c =>
        {
            var x = c.In(0);
            var output = c.Ints(1, 2);
            if (output is [1, 1])
            {
                c.Bind(c.Emit("GlobalAveragePool", [x.Name]), x.Type, x.Rank);
                return;
            }

            // Any other output size is a plain average pool when it divides the input (known at export time).
            if (c.InputType(0) is not TensorType { Sizes: [.., var h, var w] } || h % output[0] != 0 || w % output[1] != 0)
                throw c.Fail($"output size [{output[0]}, {output[1]}] is exported only when it divides a known input size");
            long[] kernel = [h / output[0], w / output[1]];
            c.Bind(c.Emit("AveragePool", [x.Name], Attr.Ints("kernel_shape", kernel), Attr.Ints("strides", kernel)), x.Type, x.Rank);
        };
        t["aten::softmax.int"] = c => Softmax(c, "Softmax");
        t["aten::log_softmax.int"] = c => Softmax(c, "LogSoftmax");
        t["aten::embedding"] = c =>
        {
            var weight = c.In(0);
            var indices = c.In(1, ElemType.Int64);
            c.Bind(c.Emit("Gather", [weight.Name, indices.Name], Attr.Int("axis", 0)), weight.Type, indices.Rank + 1);
        };
        t["aten::scaled_dot_product_attention"] = Attention;
    }

    // linear(x, W, b) = x @ Wᵀ + b. On a 2-D input it is one Gemm (transB); otherwise a MatMul with Wᵀ, which
    // for a constant W is written transposed once, as an initializer.
    private static Exported Linear(NodeContext c)
    {
        var x = c.In(0);
        var weightValue = c.Node.Inputs[1];
        bool hasBias = !c.IsNone(2);
        if (x.Rank == 2)
        {
            var w = c.In(1);
            string[] inputs = hasBias ? [x.Name, w.Name, c.In(2).Name] : [x.Name, w.Name];
            return new Exported(c.Emit("Gemm", inputs, Attr.Int("transB", 1)), x.Type, 2);
        }

        string transposed = weightValue.IsConstant && weightValue.ConstantValue is Tensor weight
            ? Constants.Tensor(c.Scope.State, (weightValue, "transposed"), (weightValue.DebugName ?? "weight") + ".T", AtenOps.contiguous(AtenOps.t(weight), 0)).Name
            : c.Emit("Transpose", [c.In(1).Name], Attr.Ints("perm", [1, 0]));
        string y = c.Emit("MatMul", [x.Name, transposed]);
        if (hasBias) y = c.Emit("Add", [y, c.In(2).Name]);
        return new Exported(y, x.Type, x.Rank);
    }

    private static void MatMul(NodeContext c)
    {
        var a = c.In(0);
        var b = c.In(1);
        int? rank = a.Rank is { } ra && b.Rank is { } rb ? (ra == 1 || rb == 1 ? Math.Max(ra, rb) - 1 : Math.Max(ra, rb)) : null;
        c.Bind(c.Emit("MatMul", [a.Name, b.Name]), a.Type, rank);
    }

    // conv(x, W, b, stride, padding, dilation, groups): padding p on each side is ONNX pads [p..., p...].
    private static Exported Conv(NodeContext c, int spatial)
    {
        var x = c.In(0);
        string[] inputs = c.IsNone(2) ? [x.Name, c.In(1).Name] : [x.Name, c.In(1).Name, c.In(2).Name];
        if (c.Constant(4) is string) throw c.Fail("string padding ('same', 'valid') is not exported");
        var padding = c.Ints(4, spatial);
        return new Exported(c.Emit("Conv", inputs,
            Attr.Ints("strides", c.Ints(3, spatial)), Attr.Ints("pads", [.. padding, .. padding]),
            Attr.Ints("dilations", c.Ints(5, spatial)), Attr.Int("group", c.Int(6))), x.Type, x.Rank);
    }

    // batch_norm in inference: BatchNormalization with the running statistics; absent affine parameters are 1 and 0.
    private static void BatchNorm(NodeContext c)
    {
        var x = c.In(0);
        if (c.Bool(5)) throw c.Fail("batch norm in training mode (batch statistics) is not exported; export the module in eval mode");
        if (c.IsNone(3) || c.IsNone(4)) throw c.Fail("batch norm without running statistics is not exported");
        var mean = c.In(3);
        long channels = c.Constant(3) is Tensor m ? m.Shape[0] : throw c.Fail("running_mean must be a constant");
        string scale = c.IsNone(1) ? Constants.Tensor(c.Scope.State, ("ones", channels), "ones", Ones((int)channels)).Name : c.In(1).Name;
        string bias = c.IsNone(2) ? Constants.Tensor(c.Scope.State, ("zeros", channels), "zeros", Tensor.FromArray(new float[channels], (int)channels)).Name : c.In(2).Name;
        c.Bind(c.Emit("BatchNormalization", [x.Name, scale, bias, mean.Name, c.In(4).Name], Attr.Float("epsilon", c.Double(7))), x.Type, x.Rank);
    }

    private static Tensor Ones(params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        Array.Fill(data, 1f);
        return Tensor.FromArray(data, shape);
    }

    // layer_norm(x, shape, w, b, eps) normalizes the last len(shape) dims: LayerNormalization(axis = -len(shape)).
    // shapeInput is where normalized_shape sits (1 for aten::layer_norm, 2 for the fused add_layer_norm).
    private static Exported LayerNorm(NodeContext c, Exported x, int shapeInput)
    {
        var shape = c.Ints(shapeInput);
        string scale = c.IsNone(shapeInput + 1)
            ? Constants.Tensor(c.Scope.State, ("ones", string.Join(",", shape)), "ones", Ones([.. shape.Select(s => (int)s)])).Name
            : c.In(shapeInput + 1).Name;
        string[] inputs = c.IsNone(shapeInput + 2) ? [x.Name, scale] : [x.Name, scale, c.In(shapeInput + 2).Name];
        return new Exported(c.Emit("LayerNormalization", inputs, Attr.Int("axis", -shape.Length), Attr.Float("epsilon", c.Double(shapeInput + 3))), x.Type, x.Rank);
    }

    private static void Softmax(NodeContext c, string op)
    {
        var x = c.IsNone(2) ? FloatInput(c, 0) : c.Scope.Cast(c.In(0), FromScalarType(c, c.Int(2)));
        c.Bind(c.Emit(op, [x.Name], Attr.Int("axis", c.Int(1))), x.Type, x.Rank);
    }

    // attention(q, k, v, mask) = softmax(q @ kᵀ · scale + mask) @ v, scale = 1/√E by default; a bool mask keeps
    // where true (others become -inf).
    private static void Attention(NodeContext c)
    {
        var q = c.In(0);
        var k = c.In(1);
        var v = c.In(2);
        if (c.Double(4) != 0) throw c.Fail("dropout_p > 0 is random; export in eval mode");
        if (c.Bool(5)) throw c.Fail("is_causal=True is not exported; pass an explicit mask");
        int rank = c.Rank(1);
        string kT = Transpose(c, k, rank, -2, -1);
        string scale;
        if (!c.IsNone(6))
            scale = Constants.Scalar(c.Scope, c.Double(6), q.Type).Name;
        else if (c.InputType(0) is TensorType { Sizes: [.., var embed] } && rank > 1)
            scale = Constants.Scalar(c.Scope, 1 / Math.Sqrt(embed), q.Type).Name;
        else
        {
            string e = c.Emit("Cast", [c.Emit("Shape", [q.Name], Attr.Int("start", -1))], Attr.Int("to", (long)q.Type));
            scale = c.Emit("Reciprocal", [c.Emit("Sqrt", [c.Emit("Squeeze", [e, Constants.Ints(c.Scope, 0)])])]);
        }

        string scores = c.Emit("Mul", [c.Emit("MatMul", [q.Name, kT]), scale]);
        if (!c.IsNone(3))
        {
            var mask = c.In(3);
            string additive = mask.Type == ElemType.Bool
                ? c.Emit("Where", [mask.Name, Constants.Scalar(c.Scope, 0, q.Type).Name, Constants.Scalar(c.Scope, double.NegativeInfinity, q.Type).Name])
                : c.Scope.Cast(mask, q.Type).Name;
            scores = c.Emit("Add", [scores, additive]);
        }

        string weights = c.Emit("Softmax", [scores], Attr.Int("axis", -1));
        c.Bind(c.Emit("MatMul", [weights, v.Name]), q.Type, q.Rank);
    }
}
