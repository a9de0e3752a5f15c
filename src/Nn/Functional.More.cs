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

            /// <summary>Layer normalization over the trailing <paramref name="normalized_shape"/> dims.</summary>
            [Op("aten::layer_norm")]
            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                Dispatch.Record(F.LayerNorm, AtenOps.layer_norm(input, normalized_shape, weight, bias, eps, true), input, normalized_shape, weight, bias, eps, true);

            /// <summary>Batch normalization with running statistics (inference).</summary>
            [Op("aten::batch_norm", "input", "running_mean", "running_var", "weight", "bias", "training", "momentum", "eps", FixedArgument = "cudnn_enabled", FixedValue = true)]
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                Dispatch.Record(F.BatchNorm, AtenOps.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, true), input, weight, bias, running_mean, running_var, training, momentum, eps, true);

            /// <summary>Group normalization.</summary>
            [Op("aten::group_norm")]
            public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                Dispatch.Record(F.GroupNorm, AtenOps.group_norm(input, num_groups, weight, bias, eps, true), input, num_groups, weight, bias, eps, true);

            /// <summary>Rows of <paramref name="weight"/> picked by <paramref name="input"/> indices.</summary>
            [Op("aten::embedding", "indices", "weight")]
            public static Tensor embedding(Tensor input, Tensor weight) =>
                Dispatch.Record(F.Embedding, AtenOps.embedding(weight, input, -1, false, false), weight, input, -1L, false, false);

            /// <summary>2-D max pooling.</summary>
            [Op("aten::max_pool2d")]
            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
            {
                long[] s = stride ?? [], p = padding ?? [0], d = dilation ?? [1];
                return Dispatch.Record(F.MaxPool2d, AtenOps.max_pool2d(input, kernel_size, s, p, d, ceil_mode), input, kernel_size, s, p, d, ceil_mode);
            }

            /// <summary>2-D average pooling.</summary>
            [Op("aten::avg_pool2d")]
            public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true)
            {
                long[] s = stride ?? [], p = padding ?? [0];
                return Dispatch.Record(F.AvgPool2d, AtenOps.avg_pool2d(input, kernel_size, s, p, ceil_mode, count_include_pad, null), input, kernel_size, s, p, ceil_mode, count_include_pad, IValue.None);
            }

            /// <summary>2-D adaptive average pooling to <paramref name="output_size"/>.</summary>
            [Op("aten::adaptive_avg_pool2d")]
            public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size) =>
                Dispatch.Record(F.AdaptiveAvgPool2d, AtenOps.adaptive_avg_pool2d(input, output_size), input, output_size);

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
                public static readonly OpDef LayerNorm = OpRegistry.Get("aten::layer_norm");
                public static readonly OpDef BatchNorm = OpRegistry.Get("aten::batch_norm");
                public static readonly OpDef GroupNorm = OpRegistry.Get("aten::group_norm");
                public static readonly OpDef Embedding = OpRegistry.Get("aten::embedding");
                public static readonly OpDef MaxPool2d = OpRegistry.Get("aten::max_pool2d");
                public static readonly OpDef AvgPool2d = OpRegistry.Get("aten::avg_pool2d");
                public static readonly OpDef AdaptiveAvgPool2d = OpRegistry.Get("aten::adaptive_avg_pool2d");
                public static readonly OpDef Conv2d = OpRegistry.Get("aten::conv2d");
                public static readonly OpDef Conv1d = OpRegistry.Get("aten::conv1d");
                public static readonly OpDef Sdpa = OpRegistry.Get("aten::scaled_dot_product_attention");
            }
        }
    }
}
