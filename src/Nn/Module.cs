using System.Reflection;

namespace TorchJit;

/// <summary>Holder of <c>torch.nn</c>.</summary>
public static partial class torch
{
    /// <summary>Modules and <c>functional</c>, as TorchSharp's <c>torch.nn</c>.</summary>
    public static partial class nn
    {
        /// <summary>
        /// A module: named parameters, buffers and sub-modules, in registration order, and a training flag.
        /// Fields of module or <see cref="Parameter"/> type are registered under their field names by
        /// <see cref="RegisterComponents"/>, which runs by itself on first use if the constructor did not call it.
        /// </summary>
        public abstract class Module
        {
            private readonly List<(string Name, Parameter? Value)> parameterList = [];
            private readonly List<(string Name, Tensor Value)> buffers = [];
            private readonly List<(string Name, Module Value)> children = [];
            private bool componentsRegistered;

            /// <summary>A module called <paramref name="name"/>.</summary>
            protected Module(string name) => Name = name;

            /// <summary>The name given at construction.</summary>
            public string Name { get; }

            /// <summary>True in training mode (the default), false after <see cref="eval"/>.</summary>
            public bool training { get; private set; } = true;

            /// <summary>The TorchScript class name, e.g. <c>__torch__.CondModel</c>.</summary>
            public virtual string TorchScriptClassName => "__torch__." + GetType().Name;

            /// <summary>The name given at construction (TorchSharp's <c>GetName()</c>).</summary>
            public string GetName() => Name;

            /// <summary>Sets training mode here and below.</summary>
            public Module train(bool on = true)
            {
                training = on;
                foreach (var (_, child) in named_children()) child.train(on);
                return this;
            }

            /// <summary>Sets inference mode here and below.</summary>
            public Module eval() => train(false);

            /// <summary>Registers every field of module or <see cref="Parameter"/> type under its field name.</summary>
            public virtual void RegisterComponents()
            {
                if (componentsRegistered) return;
                componentsRegistered = true;
                for (var type = GetType(); type is not null && type != typeof(Module); type = type.BaseType)
                {
                    foreach (var f in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        if (f.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute))) continue;
                        object? value = f.GetValue(this);
                        if (value is Module m && !children.Exists(c => c.Value == m)) register_module(f.Name, m);
                        else if (value is Parameter p && !parameterList.Exists(c => c.Value == p)) register_parameter(f.Name, p);
                    }
                }
            }

            /// <summary>Registers a sub-module.</summary>
            public void register_module(string name, Module module)
            {
                CheckName(name);
                children.Add((name, module));
            }

            /// <summary>Registers a parameter (null: declared but absent, like a bias-free layer's bias).</summary>
            public void register_parameter(string name, Parameter? parameter)
            {
                CheckName(name);
                parameterList.Add((name, parameter));
            }

            /// <summary>Registers a buffer.</summary>
            public void register_buffer(string name, Tensor buffer)
            {
                CheckName(name);
                buffers.Add((name, buffer));
            }

            /// <summary>The parameters, here and (with <paramref name="recurse"/>) below, with dotted names.</summary>
            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                EnsureComponents();
                foreach (var (n, p) in parameterList)
                    if (p is not null) yield return (n, p);
                if (!recurse) yield break;
                foreach (var (cn, c) in children)
                    foreach (var (n, p) in c.named_parameters()) yield return (cn + "." + n, p);
            }

            /// <summary>The parameters.</summary>
            public IEnumerable<Parameter> parameters() => named_parameters().Select(p => p.parameter);

            /// <summary>The buffers, here and below, with dotted names.</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
            {
                EnsureComponents();
                foreach (var b in buffers) yield return b;
                if (!recurse) yield break;
                foreach (var (cn, c) in children)
                    foreach (var (n, b) in c.named_buffers()) yield return (cn + "." + n, b);
            }

            /// <summary>The direct sub-modules.</summary>
            public IEnumerable<(string name, Module module)> named_children()
            {
                EnsureComponents();
                return children.ToArray();
            }

            /// <summary>This module and every sub-module below it, depth first, with dotted names ("" for this one).</summary>
            public IEnumerable<(string name, Module module)> named_modules()
            {
                yield return ("", this);
                foreach (var (cn, c) in named_children())
                    foreach (var (n, m) in c.named_modules()) yield return (n.Length == 0 ? cn : cn + "." + n, m);
            }

            /// <summary>This module and every sub-module below it, depth first.</summary>
            public IEnumerable<Module> modules() => named_modules().Select(p => p.module);

            /// <summary>Every parameter and buffer, here and below, by dotted name, in registration order (PyTorch's <c>state_dict()</c>).</summary>
            public IReadOnlyList<KeyValuePair<string, Tensor>> state_dict()
            {
                var result = new List<KeyValuePair<string, Tensor>>();
                CollectState("", result);
                return result;
            }

            /// <summary>
            /// Copies tensors into this module's parameters and buffers by dotted name. With
            /// <paramref name="strict"/>, missing and unexpected names are an error listing them all; shapes
            /// and dtypes must match. Nothing is copied unless everything checks.
            /// </summary>
            public (IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected) load_state_dict(IEnumerable<KeyValuePair<string, Tensor>> stateDict, bool strict = true)
            {
                var own = state_dict().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                var given = stateDict.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                var missing = own.Keys.Where(k => !given.ContainsKey(k)).ToList();
                var unexpected = given.Keys.Where(k => !own.ContainsKey(k)).ToList();
                if (strict && (missing.Count > 0 || unexpected.Count > 0))
                    throw new ArgumentException($"Error(s) in loading state_dict for {GetType().Name}: missing keys [{string.Join(", ", missing)}], unexpected keys [{string.Join(", ", unexpected)}]");
                foreach (var (name, target) in own)
                {
                    if (given.TryGetValue(name, out var source) && (source.DType != target.DType || !source.Shape.SequenceEqual(target.Shape)))
                        throw new ArgumentException($"Error(s) in loading state_dict for {GetType().Name}: size mismatch for {name}: copying a param with shape {source.Describe()}, the shape in current model is {target.Describe()}");
                }

                foreach (var (name, target) in own)
                    if (given.TryGetValue(name, out var source)) target.copy_(source);
                return (missing, unexpected);
            }

            private void CollectState(string prefix, List<KeyValuePair<string, Tensor>> into)
            {
                foreach (var (n, p) in LocalParameters)
                    if (p is not null) into.Add(new(prefix + n, p));
                foreach (var (n, b) in LocalBuffers) into.Add(new(prefix + n, b));
                foreach (var (n, c) in named_children()) c.CollectState(prefix + n + ".", into);
            }

            /// <summary>Parameters of this module only, including declared-absent (null) ones, in order.</summary>
            public IReadOnlyList<(string Name, Parameter? Value)> LocalParameters
            {
                get
                {
                    EnsureComponents();
                    return parameterList;
                }
            }

            /// <summary>Buffers of this module only, in order.</summary>
            public IReadOnlyList<(string Name, Tensor Value)> LocalBuffers
            {
                get
                {
                    EnsureComponents();
                    return buffers;
                }
            }

            private void EnsureComponents()
            {
                if (!componentsRegistered) RegisterComponents();
            }

            private void CheckName(string name)
            {
                if (string.IsNullOrEmpty(name) || name.Contains('.'))
                    throw new ArgumentException($"module '{Name}': invalid component name '{name}'");
                if (parameterList.Exists(p => p.Name == name) || buffers.Exists(b => b.Name == name) || children.Exists(c => c.Name == name))
                    throw new ArgumentException($"module '{Name}' already has a component named '{name}'");
            }
        }

        /// <summary>A module with a <see cref="forward"/> from <typeparamref name="T"/> to <typeparamref name="TResult"/>.</summary>
        public abstract class Module<T, TResult> : Module
        {
            /// <summary>A module called <paramref name="name"/>.</summary>
            protected Module(string name)
                : base(name)
            {
            }

            /// <summary>The computation.</summary>
            public abstract TResult forward(T input);

            /// <summary>Runs <see cref="forward"/> (TorchSharp's <c>call</c>).</summary>
            public TResult call(T input) => forward(input);
        }
    }
}
