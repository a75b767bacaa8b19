namespace Normative.Deviation;

/// <summary>Which variables of a correlation have the covariates regressed out.</summary>
public enum CovariateAdjustment
{
    /// <summary>
    /// Only the outcome y (e.g. ADAS13) is replaced by its least-squares residual on the covariates,
    /// then correlated with x (e.g. D_ml), nu = n - 2: the authors' code (age regressed out of the cognitive score).
    /// </summary>
    OutcomeOnly,

    /// <summary>Both x and y are residualised: the partial correlation given the covariates, nu = n - 2 - k.</summary>
    Both,
}
