using TorchJit.Ir;
using TorchJit.Onnx.Proto;

namespace TorchJit.Onnx;

/// <summary>What a symbolic function sees of the node it maps: its inputs (as ONNX values or as constants), the scope to emit into, and where to bind the outputs.</summary>
internal readonly struct NodeContext(OnnxExporter exporter, OnnxScope scope, Node node)
{
    public Node Node { get; } = node;

    public OnnxScope Scope { get; } = scope;

    public string Kind => Node.Op?.QualifiedName ?? Node.Kind;

    public int Opset => Scope.State.Opset;

    /// <summary>What any value in scope became.</summary>
    public Exported ValueOf(Value v) => exporter.Get(Scope, v);

    /// <summary>Input <paramref name="i"/> as an ONNX value.</summary>
    public Exported In(int i) => exporter.Get(Scope, Node.Inputs[i]);

    /// <summary>Input <paramref name="i"/> as an ONNX value of <paramref name="type"/>; a constant number is written in that type directly.</summary>
    public Exported In(int i, ElemType type)
    {
        var v = Node.Inputs[i];
        // An int constant stays exact as an int64 (through a double, 2^63 - 6 would round to 2^63).
        if (v.IsConstant && v.ConstantValue is long l && type == ElemType.Int64)
            return Constants.Int(Scope, l) with { IsNumber = true };
        if (v.IsConstant && v.ConstantValue is long or double or bool)
            return Constants.Scalar(Scope, Convert.ToDouble(v.ConstantValue, System.Globalization.CultureInfo.InvariantCulture), type) with { IsNumber = true };
        return Scope.Cast(In(i), type);
    }

    /// <summary>Input <paramref name="i"/>'s type, rank and number-ness without writing a constant (whose type the use decides).</summary>
    public Exported Info(int i)
    {
        var v = Node.Inputs[i];
        if (!v.IsConstant) return In(i);
        return v.ConstantValue switch
        {
            long => new("", ElemType.Int64, 0, IsNumber: true),
            double => new("", ElemType.Double, 0, IsNumber: true),
            bool => new("", ElemType.Bool, 0, IsNumber: true),
            Tensor t => new("", ElemTypes.Of(t.DType), t.Dim),
            long[] => new("", ElemType.Int64, 1),
            _ => In(i),
        };
    }

    public bool IsNone(int i) => i >= Node.Inputs.Count || Node.Inputs[i].Type is NoneType || (Node.Inputs[i].IsConstant && Node.Inputs[i].ConstantValue is null);

    public bool IsConstant(int i) => Node.Inputs[i].IsConstant;

    public object? Constant(int i) => Node.Inputs[i].IsConstant
        ? Node.Inputs[i].ConstantValue
        : throw Fail($"argument '{ArgumentName(i)}' must be a constant to export, it is computed at run time");

    public long Int(int i) => Constant(i) switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        var other => throw Fail($"argument '{ArgumentName(i)}' is {other ?? "None"}, expected an int"),
    };

    public double Double(int i) => Constant(i) switch
    {
        double d => d,
        long l => l,
        bool b => b ? 1 : 0,
        var other => throw Fail($"argument '{ArgumentName(i)}' is {other ?? "None"}, expected a number"),
    };

    public bool Bool(int i) => Constant(i) switch
    {
        bool b => b,
        long l => l != 0,
        var other => throw Fail($"argument '{ArgumentName(i)}' is {other ?? "None"}, expected a bool"),
    };

    public string String(int i) => Constant(i) as string ?? throw Fail($"argument '{ArgumentName(i)}' must be a constant string");

    /// <summary>An int list argument; a single int stands for itself repeated <paramref name="repeat"/> times (<c>int[2] stride=1</c>).</summary>
    public long[] Ints(int i, int repeat = 1) => Constant(i) switch
    {
        long[] list when list.Length == 1 && repeat > 1 => Enumerable.Repeat(list[0], repeat).ToArray(),
        long[] list => list,
        long l => Enumerable.Repeat(l, repeat).ToArray(),
        var other => throw Fail($"argument '{ArgumentName(i)}' is {other ?? "None"}, expected an int list"),
    };

    /// <summary>The rank of input <paramref name="i"/>, which the mapping needs (e.g. to build a Transpose permutation).</summary>
    public int Rank(int i) => In(i).Rank ?? throw Fail($"the rank of '{ArgumentName(i)}' is not known at export time");

    public int? RankOf(int i) => IsNone(i) ? null : In(i).Rank;

    /// <summary>Input <paramref name="i"/>'s type as shape inference found it for the example (sizes hold for that batch size).</summary>
    public JitType? InputType(int i) => exporter.TypeOf(Node.Inputs[i]);

    public string Emit(string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes) => Scope.Emit1(opType, inputs, attributes);

    public string[] EmitN(string opType, IReadOnlyList<string> inputs, int outputs, params AttributeProto[] attributes) => Scope.Emit(opType, inputs, outputs, attributes);

    public void Bind(string name, ElemType type, int? rank = null, bool isNumber = false) => Bind(0, new Exported(name, type, rank, isNumber));

    public void Bind(int output, Exported e) => exporter.Bind(Node.Outputs[output], e);

    public string ArgumentName(int i) => Node.Op is { } op && i < op.Schema.Arguments.Count ? op.Schema.Arguments[i].Name : $"input {i}";

    public OnnxExportException Fail(string message) => new(Kind, message);
}
