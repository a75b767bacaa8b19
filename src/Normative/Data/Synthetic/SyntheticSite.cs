namespace Normative.Data.Synthetic;

/// <summary>A site as the generator uses it: its label, share and realised per-region shift.</summary>
public sealed record SyntheticSite(string Name, double Weight, ScannerShift Shift);
