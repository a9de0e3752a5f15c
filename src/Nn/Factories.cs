using TorchJit.Modules;

namespace TorchJit;

/// <summary>Holder of <c>torch.nn</c>.</summary>
public static partial class torch
{
    /// <summary>Module factories with TorchSharp's names.</summary>
    public static partial class nn
    {
        /// <summary>A linear layer.</summary>
        public static Linear Linear(long inputSize, long outputSize, bool hasBias = true) => new(inputSize, outputSize, hasBias);

        /// <summary>A ReLU.</summary>
        public static ReLU ReLU() => new();

        /// <summary>A dropout layer.</summary>
        public static Dropout Dropout(double p = 0.5) => new(p);

        /// <summary>An identity layer.</summary>
        public static Identity Identity() => new();

        /// <summary>A flatten layer (dims 1..-1 by default).</summary>
        public static Flatten Flatten(long startDim = 1, long endDim = -1) => new(startDim, endDim);

        /// <summary>A list of modules.</summary>
        public static ModuleList<T> ModuleList<T>(params T[] modules) where T : Module => new(modules);

        /// <summary>A dictionary of modules.</summary>
        public static ModuleDict<T> ModuleDict<T>(params (string Key, T Value)[] modules) where T : Module => new(modules);

        /// <summary>A 2-D convolution.</summary>
        public static Conv2d Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true) =>
            new(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias);

        /// <summary>A 1-D convolution.</summary>
        public static Conv1d Conv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true) =>
            new(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias);

        /// <summary>Batch norm over [N, C] or [N, C, L].</summary>
        public static BatchNorm1d BatchNorm1d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true) => new(numFeatures, eps, momentum, affine);

        /// <summary>Batch norm over [N, C, H, W].</summary>
        public static BatchNorm2d BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true) => new(numFeatures, eps, momentum, affine);

        /// <summary>Layer norm over the last dims.</summary>
        public static LayerNorm LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true) => new(normalizedShape, eps, elementwiseAffine);

        /// <summary>Layer norm over the last dim.</summary>
        public static LayerNorm LayerNorm(long normalizedShape, double eps = 1e-5) => new(normalizedShape, eps);

        /// <summary>Group norm.</summary>
        public static GroupNorm GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true) => new(numGroups, numChannels, eps, affine);

        /// <summary>An embedding table.</summary>
        public static Embedding Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null) => new(numEmbeddings, embeddingDim, paddingIdx);

        /// <summary>GELU.</summary>
        public static GELU GELU(string approximate = "none") => new(approximate);

        /// <summary>SiLU.</summary>
        public static SiLU SiLU() => new();

        /// <summary>Sigmoid.</summary>
        public static Sigmoid Sigmoid() => new();

        /// <summary>Tanh.</summary>
        public static Tanh Tanh() => new();

        /// <summary>Softmax over a dim.</summary>
        public static Softmax Softmax(long dim) => new(dim);

        /// <summary>LogSoftmax over a dim.</summary>
        public static LogSoftmax LogSoftmax(long dim) => new(dim);

        /// <summary>2-D max pooling.</summary>
        public static MaxPool2d MaxPool2d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false) => new(kernelSize, stride, padding, dilation, ceilMode);

        /// <summary>2-D average pooling.</summary>
        public static AvgPool2d AvgPool2d(long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false, bool countIncludePad = true) => new(kernelSize, stride, padding, ceilMode, countIncludePad);

        /// <summary>2-D adaptive average pooling.</summary>
        public static AdaptiveAvgPool2d AdaptiveAvgPool2d(long outputHeight, long outputWidth) => new(outputHeight, outputWidth);

        /// <summary>Multi-head attention.</summary>
        public static MultiheadAttention MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool bias = true, bool batchFirst = false) => new(embedDim, numHeads, dropout, bias, batchFirst);

        /// <summary>A transformer encoder layer.</summary>
        public static TransformerEncoderLayer TransformerEncoderLayer(long dModel, long nhead, long dimFeedforward = 2048, double dropout = 0.1, string activation = "relu", double layerNormEps = 1e-5, bool batchFirst = false, bool normFirst = false) =>
            new(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);

        /// <summary>A sequence of modules.</summary>
        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);
    }
}
