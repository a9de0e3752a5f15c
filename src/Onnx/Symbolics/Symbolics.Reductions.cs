namespace TorchJit.Onnx;

/// <summary>
/// Reductions. ReduceSum takes its axes as an input since opset 13; ReduceMean, ReduceMax and ReduceMin as an
/// attribute until opset 18 and as an input from it.
/// </summary>
internal static partial class Symbolics
{
    private static void AddReductions(Dictionary<string, Symbolic> t)
    {
        t["aten::sum"] = c => Reduce(c, "ReduceSum", axes: null, keepdim: false, sum: true);
        t["aten::sum.dim_IntList"] = c => Reduce(c, "ReduceSum", OptionalDims(c, 1), c.Bool(2), sum: true);
        t["aten::mean"] = c => Reduce(c, "ReduceMean", axes: null, keepdim: false);
        t["aten::mean.dim"] = c => Reduce(c, "ReduceMean", OptionalDims(c, 1), c.Bool(2));
        t["aten::amax"] = c => Reduce(c, "ReduceMax", OptionalDims(c, 1), c.Bool(2));
        t["aten::amin"] = c => Reduce(c, "ReduceMin", OptionalDims(c, 1), c.Bool(2));
        t["aten::max"] = c => Reduce(c, "ReduceMax", axes: null, keepdim: false);
        t["aten::min"] = c => Reduce(c, "ReduceMin", axes: null, keepdim: false);
        t["aten::max.dim"] = c => ReduceWithIndex(c, "ReduceMax", "ArgMax");
        t["aten::min.dim"] = c => ReduceWithIndex(c, "ReduceMin", "ArgMin");
        t["aten::argmax"] = c => ArgReduce(c, "ArgMax");
        t["aten::argmin"] = c => ArgReduce(c, "ArgMin");
        t["aten::var.correction"] = c => Variance(c, root: false);
        t["aten::std.correction"] = c => Variance(c, root: true);
    }

    // dim=None or [] reduces everything.
    private static long[]? OptionalDims(NodeContext c, int i) => c.IsNone(i) || c.Ints(i) is [] ? null : c.Ints(i);

    private static string ReduceNode(NodeContext c, string op, string x, long[]? axes, bool keepdim)
    {
        var keep = Attr.Int("keepdims", keepdim ? 1 : 0);
        if (axes is null) return c.Emit(op, [x], keep);
        bool axesAsInput = op == "ReduceSum" || c.Opset >= 18;
        return axesAsInput ? c.Emit(op, [x, Constants.Ints(c.Scope, axes)], keep) : c.Emit(op, [x], keep, Attr.Ints("axes", axes));
    }

    private static void Reduce(NodeContext c, string op, long[]? axes, bool keepdim, bool sum = false)
    {
        var x = c.In(0);
        // sum of bools or ints is an int64; mean needs a float.
        if (sum && x.Type == ElemType.Bool) x = c.Scope.Cast(x, ElemType.Int64);
        if (op == "ReduceMean") x = FloatInput(c, 0);
        int? rank = keepdim ? x.Rank : axes is null ? 0 : x.Rank - axes.Length;
        c.Bind(ReduceNode(c, op, x.Name, axes, keepdim), x.Type, rank);
    }

    // max(x, d, keepdim) -> (values, indices)
    private static void ReduceWithIndex(NodeContext c, string reduce, string arg)
    {
        var x = c.In(0);
        long dim = c.Int(1);
        bool keep = c.Bool(2);
        int? rank = keep ? x.Rank : x.Rank - 1;
        c.Bind(0, new Exported(ReduceNode(c, reduce, x.Name, [dim], keep), x.Type, rank));
        c.Bind(1, new Exported(c.Emit(arg, [x.Name], Attr.Int("axis", dim), Attr.Int("keepdims", keep ? 1 : 0)), ElemType.Int64, rank));
    }

    // argmax(x) over all elements is the index into the flattened tensor.
    private static void ArgReduce(NodeContext c, string op)
    {
        var x = c.In(0);
        bool keep = c.Bool(2);
        if (c.IsNone(1))
        {
            if (keep) throw c.Fail("keepdim=True without a dim");
            string flat = c.Emit("Reshape", [x.Name, Constants.Ints(c.Scope, -1)]);
            c.Bind(c.Emit(op, [flat], Attr.Int("axis", 0), Attr.Int("keepdims", 0)), ElemType.Int64, 0);
            return;
        }

        c.Bind(c.Emit(op, [x.Name], Attr.Int("axis", c.Int(1)), Attr.Int("keepdims", keep ? 1 : 0)), ElemType.Int64, keep ? x.Rank : x.Rank - 1);
    }

    // var(x, dims, correction) = sum((x - mean(x))²) / (N - correction), N the number of reduced elements.
    private static void Variance(NodeContext c, bool root)
    {
        var x = FloatInput(c, 0);
        var axes = OptionalDims(c, 1);
        double correction = c.IsNone(2) ? 1 : c.Double(2);
        bool keep = c.Bool(3);
        string mean = ReduceNode(c, "ReduceMean", x.Name, axes, keepdim: true);
        string diff = c.Emit("Sub", [x.Name, mean]);
        string sum = ReduceNode(c, "ReduceSum", c.Emit("Mul", [diff, diff]), axes, keep);
        // N = numel(x) / numel(mean), read at run time so a symbolic batch counts.
        string count = c.Emit("Div", [c.Emit("Size", [x.Name]), c.Emit("Size", [mean])]);
        string denominator = c.Emit("Sub", [c.Emit("Cast", [count], Attr.Int("to", (long)x.Type)), Constants.Scalar(c.Scope, correction, x.Type).Name]);
        string variance = c.Emit("Div", [sum, denominator]);
        int? rank = keep ? x.Rank : axes is null ? 0 : x.Rank - axes.Length;
        c.Bind(root ? c.Emit("Sqrt", [variance]) : variance, x.Type, rank);
    }
}
