using System.Globalization;
using System.Text;
using TorchJit.Kernels;

namespace TorchJit;

/// <summary>Prints tensors the way PyTorch's <c>repr</c> does, abridged: <c>tensor([[5., 5.], [5., 5.]])</c>.</summary>
internal static class TensorFormatter
{
    private const int MaxElements = 64;

    public static string Format(Tensor t)
    {
        var sb = new StringBuilder("tensor(");
        if (t.NumElements > MaxElements)
        {
            sb.Append("<").Append(t.Describe()).Append('>');
        }
        else
        {
            float[] values = t.ReadFloats();
            int pos = 0;
            AppendDim(sb, t, values, 0, ref pos);
        }

        if (t.DType != DType.Float32) sb.Append(", dtype=torch.").Append(t.DType == DType.Int64 ? "int64" : "bool");
        return sb.Append(')').ToString();
    }

    private static void AppendDim(StringBuilder sb, Tensor t, float[] values, int dim, ref int pos)
    {
        if (dim == t.Dim)
        {
            sb.Append(Element(t.DType, values[pos++]));
            return;
        }

        sb.Append('[');
        for (int i = 0; i < t.Shape[dim]; i++)
        {
            if (i > 0) sb.Append(", ");
            AppendDim(sb, t, values, dim + 1, ref pos);
        }

        sb.Append(']');
    }

    private static string Element(DType dtype, float v) => dtype switch
    {
        DType.Bool => v != 0 ? "True" : "False",
        DType.Int64 => ((long)v).ToString(CultureInfo.InvariantCulture),
        _ => float.IsFinite(v) && v == MathF.Round(v) ? v.ToString("0", CultureInfo.InvariantCulture) + "." : v.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
