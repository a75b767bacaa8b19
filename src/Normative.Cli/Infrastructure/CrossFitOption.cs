using System.CommandLine;

namespace Normative.Cli.Infrastructure;

/// <summary><c>--cross-fit K</c> of <c>train</c> and <c>reproduce</c> (issue 15): whole-pipeline cross-fitted outlier thresholds.</summary>
internal static class CrossFitOption
{
    /// <summary>A new option (each command owns its own instance).</summary>
    public static Option<int?> Create()
    {
        var option = new Option<int?>("--cross-fit")
        {
            Description = "Train the whole pipeline (network and reference) K more times, each on K-1 folds of the training controls, so every training control " +
                "gets an out-of-sample score; the outlier thresholds are then the (1 - alpha) quantiles of those pooled out-of-sample distances (cross-conformal). " +
                "Costs K extra trainings per model. Default: off (thresholds from --conventions).",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } k && k < 2) result.AddError($"--cross-fit needs K >= 2 folds; got {k}.");
        });
        return option;
    }
}
