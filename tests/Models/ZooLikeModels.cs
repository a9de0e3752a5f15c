using TorchJit.Modules;
using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// A small CNN on [N, 1, 8, 8]: conv, relu, max-pool, conv, flatten, linear, with an early exit on the activations.
public sealed class SmallCnnModel : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly MaxPool2d pool;
    private readonly Flatten flatten;
    private readonly Linear head;

    public SmallCnnModel() : base(nameof(SmallCnnModel))
    {
        manual_seed(21);
        conv1 = nn.Conv2d(1, 4, 3, padding: 1);
        conv2 = nn.Conv2d(4, 4, 3, padding: 1);
        pool = nn.MaxPool2d(2);
        flatten = nn.Flatten();
        head = nn.Linear(4 * 4 * 4, 3);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var h = pool.forward(conv1.forward(x).relu());
        if (h.mean() > 0.05) h = conv2.forward(h).relu();
        return head.forward(flatten.forward(h));
    }
}

// A transformer encoder layer (post-norm, batch first) assembled from nn.Linear, nn.LayerNorm, nn.Dropout and
// scaled_dot_product_attention, with head counts and sizes read from the input's shape.
public sealed class TransformerBlockModel : nn.Module<Tensor, Tensor>
{
    private readonly long heads = 2;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;
    private readonly Linear feedForward1;
    private readonly Linear feedForward2;
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly Dropout dropout;

    public TransformerBlockModel() : base(nameof(TransformerBlockModel))
    {
        manual_seed(22);
        query = nn.Linear(8, 8);
        key = nn.Linear(8, 8);
        value = nn.Linear(8, 8);
        output = nn.Linear(8, 8);
        feedForward1 = nn.Linear(8, 16);
        feedForward2 = nn.Linear(16, 8);
        norm1 = nn.LayerNorm(8);
        norm2 = nn.LayerNorm(8);
        dropout = nn.Dropout(0.1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = norm1.forward(x + dropout.forward(SelfAttention(x)));
        return norm2.forward(x + dropout.forward(feedForward2.forward(feedForward1.forward(x).relu())));
    }

    private Tensor SelfAttention(Tensor x)
    {
        long batch = x.size(0), length = x.size(1), width = x.size(2);
        long headWidth = width / heads;
        var q = SplitHeads(query.forward(x), batch, length, headWidth);
        var k = SplitHeads(key.forward(x), batch, length, headWidth);
        var v = SplitHeads(value.forward(x), batch, length, headWidth);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v);
        return output.forward(attended.transpose(1, 2).reshape(batch, length, width));
    }

    private Tensor SplitHeads(Tensor x, long batch, long length, long headWidth) => x.reshape(batch, length, heads, headWidth).transpose(1, 2);
}

// An Elman RNN over the sequence dimension: a loop over x.Shape[1] with two sub-module calls per step.
public sealed class RnnModel : nn.Module<Tensor, Tensor>
{
    private readonly Linear input;
    private readonly Linear hidden;

    public RnnModel() : base(nameof(RnnModel))
    {
        manual_seed(23);
        input = nn.Linear(3, 5);
        hidden = nn.Linear(5, 5, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var h = input.forward(x.select(1, 0)).tanh();
        for (long t = 1; t < x.Shape[1]; t++)
            h = (input.forward(x.select(1, t)) + hidden.forward(h)).tanh();
        return h;
    }
}

// nn.TransformerEncoderLayer from src/Nn itself (post-norm, relu, batch first), scripted through its
// forward overloads, MultiheadAttention's local functions, null-conditional bias and tuple result.
public sealed class EncoderLayerModel : nn.Module<Tensor, Tensor>
{
    private readonly TransformerEncoderLayer layer;

    public EncoderLayerModel() : base(nameof(EncoderLayerModel))
    {
        manual_seed(24);
        layer = nn.TransformerEncoderLayer(8, 2, 16, batchFirst: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layer.forward(x);
}

// The same layer pre-norm with gelu, sequence first: the other branches of its code.
public sealed class PreNormEncoderLayerModel : nn.Module<Tensor, Tensor>
{
    private readonly TransformerEncoderLayer layer;

    public PreNormEncoderLayerModel() : base(nameof(PreNormEncoderLayerModel))
    {
        manual_seed(25);
        layer = nn.TransformerEncoderLayer(8, 2, 16, activation: "gelu", normFirst: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layer.forward(x);
}

// nn.MultiheadAttention with a key padding mask computed from the data, and its attention weights.
public sealed class MaskedAttentionModel : nn.Module<Tensor, Tensor>
{
    private readonly MultiheadAttention attention;

    public MaskedAttentionModel() : base(nameof(MaskedAttentionModel))
    {
        manual_seed(26);
        attention = nn.MultiheadAttention(8, 2, batchFirst: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var padding = x.select(2, 0) > 1.5;
        var (output, weights) = attention.forward(x, x, x, padding);
        return output + weights!.sum();
    }
}
