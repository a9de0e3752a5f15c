using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Onnx;

/// <summary>
/// Constants as initializers of the main graph: tensors (weights) in their dtype, TorchScript numbers as 0-d
/// tensors, int lists as 1-D int64 tensors. Each is written once per value and element type.
/// </summary>
internal static class Constants
{
    public static Exported Materialize(OnnxScope scope, Value v)
    {
        string hint = v.DebugName ?? "const";
        var state = scope.State;
        switch (v.ConstantValue)
        {
            case Tensor t:
                return Tensor(state, v, hint, t);
            case long l:
                return new Exported(state.Initializer<long>(v, hint, ElemType.Int64, [l], []), ElemType.Int64, 0, IsNumber: true);
            case double d:
                return new Exported(state.Initializer<double>(v, hint, ElemType.Double, [d], []), ElemType.Double, 0, IsNumber: true);
            case bool b:
                return new Exported(state.Initializer<bool>(v, hint, ElemType.Bool, [b], []), ElemType.Bool, 0, IsNumber: true);
            case long[] list:
                return new Exported(state.Initializer<long>(v, hint, ElemType.Int64, list, [list.Length]), ElemType.Int64, 1);
            case null:
                throw new OnnxExportException(v.Uses.Count > 0 ? v.Uses[0].User.Kind : "prim::Constant", "None is read as a tensor; ONNX has no None values");
            default:
                throw new OnnxExportException(v.Uses.Count > 0 ? v.Uses[0].User.Kind : "prim::Constant", $"a constant of type {v.Type} has no ONNX form");
        }
    }

    public static Exported Tensor(ExportState state, object key, string hint, Tensor t)
    {
        long[] dims = t.shapeArray();
        return t.DType switch
        {
            DType.Float32 => new(state.Initializer<float>(key, hint, ElemType.Float, t.data<float>(), dims), ElemType.Float, dims.Length),
            DType.Int64 => new(state.Initializer<long>(key, hint, ElemType.Int64, t.data<long>(), dims), ElemType.Int64, dims.Length),
            DType.Bool => new(state.Initializer<bool>(key, hint, ElemType.Bool, t.data<bool>(), dims), ElemType.Bool, dims.Length),
            _ => throw new NotSupportedException($"ONNX export: dtype {t.DType}"),
        };
    }

    /// <summary>A 0-d tensor of <paramref name="type"/> holding <paramref name="value"/>.</summary>
    public static Exported Scalar(OnnxScope scope, double value, ElemType type)
    {
        var state = scope.State;
        var key = (nameof(Scalar), value, type);
        string name = type switch
        {
            ElemType.Float => state.Initializer<float>(key, "scalar", type, [(float)value], []),
            ElemType.Double => state.Initializer<double>(key, "scalar", type, [value], []),
            ElemType.Int64 => Int(scope, (long)value).Name,
            _ => state.Initializer<bool>(key, "scalar", type, [value != 0], []),
        };
        return new Exported(name, type, 0);
    }

    /// <summary>A 0-d int64 tensor holding <paramref name="value"/> exactly.</summary>
    public static Exported Int(OnnxScope scope, long value) =>
        new(scope.State.Initializer<long>((nameof(Int), value), "scalar", ElemType.Int64, [value], []), ElemType.Int64, 0);

    /// <summary>A 1-D int64 tensor (axes, shapes, starts and ends of ONNX ops that take them as inputs).</summary>
    public static string Ints(OnnxScope scope, params long[] values) =>
        scope.State.Initializer<long>(("ints", string.Join(",", values)), "ints", ElemType.Int64, values, [values.Length]);
}
