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

        /// <summary>A sequence of modules.</summary>
        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);
    }
}
