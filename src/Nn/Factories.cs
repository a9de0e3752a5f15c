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

        /// <summary>A sequence of modules.</summary>
        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);
    }
}
