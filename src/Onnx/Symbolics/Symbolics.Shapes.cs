using TorchJit.Ir;

namespace TorchJit.Onnx;

/// <summary>
/// Shape queries and views: what stays of <c>aten::size</c> after the batch-invariant ones were folded reads
/// the shape at run time (Shape, Gather), so a symbolic batch dimension flows through reshapes.
/// </summary>
internal static partial class Symbolics
{
    private static void AddShapes(Dictionary<string, Symbolic> t)
    {
        t["aten::dim"] = c => c.Bind(0, new Exported(c.Emit("Size", [c.Emit("Shape", [c.In(0).Name])]), ElemType.Int64, 0, IsNumber: true));
        t["aten::numel"] = c => c.Bind(0, new Exported(c.Emit("Size", [c.In(0).Name]), ElemType.Int64, 0, IsNumber: true));
        t["aten::size"] = c => c.Bind(c.Emit("Shape", [c.In(0).Name]), ElemType.Int64, 1);
        // size(x, d): element d of the shape; Gather with a 0-d index gives a 0-d result and takes negative d.
        t["aten::size.int"] = c =>
        {
            string shape = c.Emit("Shape", [c.In(0).Name]);
            var dim = c.In(1, ElemType.Int64);
            c.Bind(0, new Exported(c.Emit("Gather", [shape, dim.Name], Attr.Int("axis", 0)), ElemType.Int64, 0, IsNumber: true));
        };
        // TorchScript's ScalarType numbers (torch/csrc/api: Long = 4, Float = 6, Bool = 11).
        t["prim::dtype"] = c =>
        {
            long code = c.In(0).Type switch { ElemType.Float => 6, ElemType.Int64 => 4, ElemType.Bool => 11, _ => 7 };
            c.Bind(0, Constants.Scalar(c.Scope, code, ElemType.Int64) with { IsNumber = true });
        };

        t["aten::reshape"] = Reshape;
        t["aten::view"] = Reshape;
        t["aten::flatten.using_ints"] = Flatten;
        t["aten::permute"] = c =>
        {
            int rank = c.Rank(0);
            var perm = c.Ints(1).Select(d => d < 0 ? d + rank : d).ToArray();
            c.Bind(c.Emit("Transpose", [c.In(0).Name], Attr.Ints("perm", perm)), c.In(0).Type, rank);
        };
        t["aten::transpose.int"] = c => c.Bind(Transpose(c, c.In(0), c.Rank(0), c.Int(1), c.Int(2)), c.In(0).Type, c.Rank(0));
        t["aten::t"] = c =>
        {
            var x = c.In(0);
            c.Bind(0, c.Rank(0) < 2 ? x : x with { Name = Transpose(c, x, 2, 0, 1) });
        };
        t["aten::unsqueeze"] = c =>
        {
            var x = c.In(0);
            c.Bind(c.Emit("Unsqueeze", [x.Name, Constants.Ints(c.Scope, c.Int(1))]), x.Type, x.Rank + 1);
        };
        t["aten::squeeze"] = c => c.Bind(c.Emit("Squeeze", [c.In(0).Name]), c.In(0).Type);
        // squeeze(x, d) leaves x alone when dim d is not 1; ONNX Squeeze would fail, so that case is an Identity.
        t["aten::squeeze.dim"] = c =>
        {
            var x = c.In(0);
            if (c.InputType(0) is TensorType { Sizes: { } sizes } && sizes[(int)Wrap(c.Int(1), sizes.Length)] != 1)
            {
                c.Bind(0, x);
                return;
            }

            c.Bind(c.Emit("Squeeze", [x.Name, Constants.Ints(c.Scope, c.Int(1))]), x.Type, x.Rank - 1);
        };
        // select(x, d, i) = Gather(x, i, axis=d) with a 0-d index: the dimension goes away.
        t["aten::select.int"] = c =>
        {
            var x = c.In(0);
            var index = c.In(2, ElemType.Int64);
            c.Bind(c.Emit("Gather", [x.Name, index.Name], Attr.Int("axis", c.Int(1))), x.Type, x.Rank - 1);
        };
        t["aten::slice.Tensor"] = c =>
        {
            var x = c.In(0);
            string start = c.IsNone(2) ? Constants.Ints(c.Scope, 0) : AsVector(c, 2);
            string end = c.IsNone(3) ? Constants.Ints(c.Scope, long.MaxValue) : AsVector(c, 3);
            string inputs = Constants.Ints(c.Scope, c.Int(1));
            c.Bind(c.Emit("Slice", [x.Name, start, end, inputs, AsVector(c, 4)]), x.Type, x.Rank);
        };
        // narrow(x, d, start, length) = x[..., start:start + length, ...] along d
        t["aten::narrow"] = c =>
        {
            var x = c.In(0);
            var start = c.In(2, ElemType.Int64);
            var length = c.In(3, ElemType.Int64);
            string end = c.Emit("Add", [start.Name, length.Name]);
            string Vector(string s) => c.Emit("Unsqueeze", [s, Constants.Ints(c.Scope, 0)]);
            c.Bind(c.Emit("Slice", [x.Name, Vector(start.Name), Vector(end), Constants.Ints(c.Scope, c.Int(1))]), x.Type, x.Rank);
        };
        // expand's -1 keeps a size; ONNX Expand broadcasts, where 1 keeps it.
        t["aten::expand"] = c =>
        {
            var x = c.In(0);
            var sizes = c.Ints(1).Select(s => s == -1 ? 1 : s).ToArray();
            c.Bind(c.Emit("Expand", [x.Name, Constants.Ints(c.Scope, sizes)]), x.Type, sizes.Length);
        };
        t["aten::cat"] = c =>
        {
            var parts = TensorList(c, 0);
            var type = Promotion.Result(parts);
            c.Bind(c.Emit("Concat", [.. parts.Select(p => c.Scope.Cast(p, type).Name)], Attr.Int("axis", c.Int(1))), type, parts[0].Rank);
        };
        t["aten::stack"] = c =>
        {
            var parts = TensorList(c, 0);
            var type = Promotion.Result(parts);
            long dim = c.Int(1);
            string axes = Constants.Ints(c.Scope, dim);
            var unsqueezed = parts.Select(p => c.Emit("Unsqueeze", [c.Scope.Cast(p, type).Name, axes])).ToArray();
            c.Bind(c.Emit("Concat", unsqueezed, Attr.Int("axis", dim)), type, parts[0].Rank + 1);
        };
        t["aten::zeros"] = c =>
        {
            var type = c.IsNone(1) ? ElemType.Float : FromScalarType(c, c.Int(1));
            var shape = c.In(0, ElemType.Int64);
            var value = new Proto.TensorProto { DataType = (int)type, RawData = Google.Protobuf.ByteString.CopyFrom(new byte[type switch { ElemType.Bool => 1, ElemType.Float => 4, _ => 8 }]) };
            value.Dims.Add(1);
            c.Bind(c.Emit("ConstantOfShape", [shape.Name], Attr.Tensor("value", value)), type);
        };
    }

    private static ElemType FromScalarType(NodeContext c, long code) => code switch
    {
        4 => ElemType.Int64,
        6 => ElemType.Float,
        7 => ElemType.Double,
        11 => ElemType.Bool,
        _ => throw c.Fail($"dtype {code} has no ONNX mapping here"),
    };

    private static long Wrap(long d, int rank) => d < 0 ? d + rank : d;

    private static string Transpose(NodeContext c, Exported x, int rank, long d0, long d1)
    {
        var perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
        (perm[Wrap(d0, rank)], perm[Wrap(d1, rank)]) = (perm[Wrap(d1, rank)], perm[Wrap(d0, rank)]);
        return c.Emit("Transpose", [x.Name], Attr.Ints("perm", perm));
    }

    // An int argument as a 1-element int64 vector (Slice's starts, ends, steps).
    private static string AsVector(NodeContext c, int i) =>
        c.IsConstant(i) ? Constants.Ints(c.Scope, c.Int(i)) : c.Emit("Unsqueeze", [c.In(i, ElemType.Int64).Name, Constants.Ints(c.Scope, 0)]);

    private static void Reshape(NodeContext c)
    {
        var x = c.In(0);
        var shape = c.In(1, ElemType.Int64);
        int? rank = c.IsConstant(1) ? c.Ints(1).Length : c.Node.Inputs[1].Node.Kind == NodeKinds.ListConstruct ? c.Node.Inputs[1].Node.Inputs.Count : null;
        c.Bind(c.Emit("Reshape", [x.Name, shape.Name]), x.Type, rank);
    }

    // flatten(x, s, e): dims s..e become one. s = 1, e = last is ONNX Flatten(axis=1); otherwise a Reshape to
    // shape[:s] + [-1] + shape[e+1:], read at run time so a symbolic batch passes through.
    private static void Flatten(NodeContext c)
    {
        var x = c.In(0);
        int rank = c.Rank(0);
        long s = Wrap(c.Int(1), Math.Max(rank, 1));
        long e = Wrap(c.Int(2), Math.Max(rank, 1));
        if (rank == 0 || s == e)
        {
            c.Bind(0, rank == 0 ? x with { Name = c.Emit("Reshape", [x.Name, Constants.Ints(c.Scope, 1)]), Rank = 1 } : x);
            return;
        }

        if (s == 1 && e == rank - 1)
        {
            c.Bind(c.Emit("Flatten", [x.Name], Attr.Int("axis", 1)), x.Type, 2);
            return;
        }

        var parts = new List<string>();
        if (s > 0) parts.Add(c.Emit("Shape", [x.Name], Attr.Int("start", 0), Attr.Int("end", s)));
        parts.Add(Constants.Ints(c.Scope, -1));
        if (e < rank - 1) parts.Add(c.Emit("Shape", [x.Name], Attr.Int("start", e + 1)));
        string shape = parts.Count == 1 ? parts[0] : c.Emit("Concat", parts, Attr.Int("axis", 0));
        c.Bind(c.Emit("Reshape", [x.Name, shape]), x.Type, (int)(rank - (e - s)));
    }

    // The tensors of a Tensor[] argument: a prim::ListConstruct's inputs.
    private static Exported[] TensorList(NodeContext c, int i)
    {
        var list = c.Node.Inputs[i].Node;
        if (list.Kind != NodeKinds.ListConstruct) throw c.Fail($"argument '{c.ArgumentName(i)}' must be a list built in the graph (prim::ListConstruct), it is {list.Kind}");
        var parts = new Exported[list.Inputs.Count];
        for (int k = 0; k < parts.Length; k++) parts[k] = c.ValueOf(list.Inputs[k]);
        return parts;
    }
}
