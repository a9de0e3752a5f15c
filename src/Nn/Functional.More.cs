using TorchJit.Ir;

namespace TorchJit;

/// <summary>Holder of <c>torch.nn</c>.</summary>
public static partial class torch
{
    /// <summary>Modules and <c>functional</c>, as TorchSharp's <c>torch.nn</c>.</summary>
    public static partial class nn
    {
        /// <summary>Stateless layer functions (<c>torch.nn.functional</c>).</summary>
        public static partial class functional
        {
            /// <summary>GELU, exact or with the tanh approximation (<paramref name="approximate"/> = "tanh").</summary>
            [Op("aten::gelu")]
            public static Tensor gelu(Tensor input, string approximate = "none") => Dispatch.Record(F.Gelu, AtenOps.gelu(input, approximate), input, approximate);

            /// <summary>x · sigmoid(x).</summary>
            [Op("aten::silu")]
            public static Tensor silu(Tensor input) => Dispatch.Record(F.Silu, AtenOps.silu(input), input);

            /// <summary>1 / (1 + e^-x).</summary>
            [Op("aten::sigmoid")]
            public static Tensor sigmoid(Tensor input) => input.sigmoid();

            /// <summary>tanh x.</summary>
            [Op("aten::tanh")]
            public static Tensor tanh(Tensor input) => input.tanh();

            /// <summary>x if x &gt; 0 else x · slope.</summary>
            [Op("aten::leaky_relu")]
            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01) =>
                Dispatch.Record(F.LeakyRelu, AtenOps.leaky_relu(input, negative_slope), input, Scalar.FromDouble(negative_slope));

            /// <summary>clamp(x, min_val, max_val).</summary>
            [Op("aten::hardtanh")]
            public static Tensor hardtanh(Tensor input, double min_val = -1, double max_val = 1) =>
                Dispatch.Record(F.Hardtanh, AtenOps.hardtanh(input, min_val, max_val), input, Scalar.FromDouble(min_val), Scalar.FromDouble(max_val));

            /// <summary>softmax over <paramref name="dim"/>.</summary>
            [Op("aten::softmax.int")]
            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);

            /// <summary>log_softmax over <paramref name="dim"/>.</summary>
            [Op("aten::log_softmax.int")]
            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

            /// <summary>2-D convolution.</summary>
            [Op("aten::conv2d")]
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1)
            {
                long[] s = stride ?? [1], p = padding ?? [0], d = dilation ?? [1];
                return Dispatch.Record(F.Conv2d, AtenOps.conv2d(input, weight, bias, s, p, d, groups), input, weight, bias, s, p, d, groups);
            }

            /// <summary>1-D convolution.</summary>
            [Op("aten::conv1d")]
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1)
            {
                long[] s = stride ?? [1], p = padding ?? [0], d = dilation ?? [1];
                return Dispatch.Record(F.Conv1d, AtenOps.conv1d(input, weight, bias, s, p, d, groups), input, weight, bias, s, p, d, groups);
            }

            /// <summary>softmax(q·kᵀ/√d + mask)·v.</summary>
            [Op("aten::scaled_dot_product_attention")]
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask = null, double dropout_p = 0, bool is_causal = false, double? scale = null) =>
                Dispatch.Record(F.Sdpa, AtenOps.scaled_dot_product_attention(query, key, value, attn_mask, dropout_p, is_causal, scale, false), query, key, value, attn_mask, dropout_p, is_causal, scale, false);

            private static class F
            {
                public static readonly OpDef Gelu = OpRegistry.Get("aten::gelu");
                public static readonly OpDef Silu = OpRegistry.Get("aten::silu");
                public static readonly OpDef LeakyRelu = OpRegistry.Get("aten::leaky_relu");
                public static readonly OpDef Hardtanh = OpRegistry.Get("aten::hardtanh");
                public static readonly OpDef Conv2d = OpRegistry.Get("aten::conv2d");
                public static readonly OpDef Conv1d = OpRegistry.Get("aten::conv1d");
                public static readonly OpDef Sdpa = OpRegistry.Get("aten::scaled_dot_product_attention");
            }
        }
    }
}
