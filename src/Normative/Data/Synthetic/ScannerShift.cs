namespace Normative.Data.Synthetic;

/// <summary>
/// What a scanner or acquisition protocol does to FreeSurfer volumes, per region: a location shift and a scale change
/// of the subject's deviation from its covariate-expected volume (the additive and multiplicative site effects that
/// ComBat models; Johnson et al. 2007, Fortin et al. 2018). In the generator's log-volume units, with
/// <c>r = ln(V / V_expected) / cv_r</c> the subject's deviation in residual SDs (healthy variation, sex and disease),
/// the measured deviation is <c>r' = location_r + scale_r r</c>, i.e.
/// <c>V' = V_expected exp(cv_r location_r) (V / V_expected)^scale_r</c>.
/// </summary>
/// <param name="Location">location_r per region of the generator's region set, in residual SDs.</param>
/// <param name="Scale">scale_r per region (&gt; 0; 1 = no change).</param>
public sealed record ScannerShift(IReadOnlyList<double> Location, IReadOnlyList<double> Scale)
{
    /// <summary>No shift for <paramref name="regions"/> regions (the reference scanner).</summary>
    public static ScannerShift None(int regions) => new(new double[regions], Enumerable.Repeat(1.0, regions).ToArray());

    /// <summary>
    /// A site's shift drawn per region from its parameters: location_r ~ N(location_mean, location_sd),
    /// scale_r = exp(N(0, scale_log_sd)); seeded, so a parameter file fixes every region's value.
    /// </summary>
    public static ScannerShift Draw(SiteParameters site, int regions, int seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        var rng = new SeededSampler(seed);
        var location = new double[regions];
        var scale = new double[regions];
        for (int j = 0; j < regions; j++)
        {
            location[j] = rng.Normal(site.LocationMean, site.LocationSd);
            scale[j] = Math.Exp(rng.Normal(0, site.ScaleLogSd));
        }
        return new ScannerShift(location, scale);
    }

    /// <summary>The measured volume of region <paramref name="j"/> given its value on the reference scanner.</summary>
    /// <param name="j">Region index.</param>
    /// <param name="volume">Volume on the reference scanner (mm³).</param>
    /// <param name="expected">Covariate-expected volume of the subject (mm³): regional mean x ICV scaling x age term.</param>
    /// <param name="cv">Residual coefficient of variation of the region (log-volume SD of one residual unit).</param>
    public double Apply(int j, double volume, double expected, double cv)
    {
        double r = Math.Log(volume / expected) / cv;
        return expected * Math.Exp(cv * (Location[j] + Scale[j] * r));
    }
}
