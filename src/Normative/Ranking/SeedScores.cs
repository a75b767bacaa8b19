namespace Normative.Ranking;

/// <summary>
/// One method's scores (larger = more abnormal) of the same controls and patients under each training seed: row s of
/// <see cref="Controls"/> and <see cref="Patients"/> belongs to seed s, and subject i is the same subject in every row.
/// </summary>
/// <remarks>
/// Keeping the subjects aligned across seeds (and across methods) is what lets one bootstrap replicate resample the
/// same subjects for every seed and every method: the interval then reflects the cohort's sampling, and a
/// difference between two methods is paired.
/// </remarks>
public sealed record SeedScores
{
    public SeedScores(IReadOnlyList<double[]> controls, IReadOnlyList<double[]> patients)
    {
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(patients);
        if (controls.Count == 0 || controls.Count != patients.Count)
            throw new ArgumentException($"Need one control and one patient score vector per seed; got {controls.Count} and {patients.Count}.");
        if (controls.Any(c => c.Length != controls[0].Length) || patients.Any(p => p.Length != patients[0].Length))
            throw new ArgumentException("Every seed must score the same subjects (equal lengths across seeds).");
        if (controls[0].Length == 0 || patients[0].Length == 0)
            throw new ArgumentException($"Need at least one control and one patient; got {controls[0].Length} and {patients[0].Length}.");
        Controls = controls;
        Patients = patients;
    }

    /// <summary>Control scores per seed.</summary>
    public IReadOnlyList<double[]> Controls { get; }

    /// <summary>Patient scores per seed.</summary>
    public IReadOnlyList<double[]> Patients { get; }

    public int Seeds => Controls.Count;

    public int ControlCount => Controls[0].Length;

    public int PatientCount => Patients[0].Length;

    /// <summary>The same seeds with only the patients at <paramref name="rows"/> (e.g. one clinical stage).</summary>
    public SeedScores WithPatients(IReadOnlyList<int> rows) =>
        new(Controls, Patients.Select(p => rows.Select(i => p[i]).ToArray()).ToArray());

    internal RocSweep[] Sweeps() => Controls.Select((c, s) => new RocSweep(c, Patients[s])).ToArray();
}
