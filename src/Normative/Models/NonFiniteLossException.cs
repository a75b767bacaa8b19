namespace Normative.Models;

/// <summary>A loss term became NaN or infinite; raised before the optimiser step so weights stay finite.</summary>
public sealed class NonFiniteLossException : Exception
{
    public NonFiniteLossException(StepContext context, string term, double value)
        : base($"Loss term '{term}' is {value} at epoch {context.Epoch}, batch {context.Batch}. " +
               "Training stopped before the optimiser step; lower the learning rate, check the input for extreme values, or use the 'default' preset.")
    {
        Epoch = context.Epoch;
        Batch = context.Batch;
        Term = term;
        Value = value;
    }

    /// <summary>Epoch of the failing step, 1-based.</summary>
    public int Epoch { get; }

    /// <summary>Batch of the failing step within its epoch, 1-based.</summary>
    public int Batch { get; }

    /// <summary>Name of the non-finite term.</summary>
    public string Term { get; }

    /// <summary>The non-finite value.</summary>
    public double Value { get; }
}
