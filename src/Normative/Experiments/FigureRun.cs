namespace Normative.Experiments;

/// <summary>
/// Chooses the single run the one-model figures show (paper Fig 5 and the planted-truth check): the first
/// seed of a method at <see cref="GridResult.FigureLatentSize"/>. The method is the one named, else
/// mmSIVAE (MoPoE), the paper's model, else the grid's first method.
/// </summary>
public static class FigureRun
{
    /// <summary>Key of the paper's model, the default method.</summary>
    public const string DefaultMethodKey = "mmsivae-mopoe";

    /// <summary>The figure run of <paramref name="grid"/>; <paramref name="methodKey"/> names a method of the grid (null = default).</summary>
    public static ModelEvaluation Select(GridResult grid, string? methodKey = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var methods = grid.Options.Methods;
        MethodSpec method;
        if (methodKey is not null)
        {
            method = methods.FirstOrDefault(m => string.Equals(m.Key, methodKey, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"The grid has no method '{methodKey}'; it has {string.Join(", ", methods.Select(m => m.Key))}.", nameof(methodKey));
        }
        else
        {
            method = methods.FirstOrDefault(m => m.Key == DefaultMethodKey) ?? methods[0];
        }
        return grid.Representative(method, grid.FigureLatentSize);
    }
}
