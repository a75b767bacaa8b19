using Normative.Data;

namespace Normative.Tests.Data;

public sealed class RegionCatalogueTests
{
    // Expected counts: design §2 and domain-notes §2.2/§2.4 (66 DK cortical = 2 x (34 - bankssts) + 24 subcortical).
    [Theory]
    [InlineData(RegionSet.Mmsivae, 90, 66, 24)]
    [InlineData(RegionSet.Classic12, 90, 66, 24)]
    public void PresetsHaveTheRegionCountsOfThePaper(string preset, int total, int cortical, int subcortical)
    {
        var set = RegionCatalogue.Default.Set(preset);
        Assert.Equal(total, set.Count);
        Assert.Equal(cortical, set.Regions.Count(r => r.Type == RegionType.Cortical));
        Assert.Equal(subcortical, set.Regions.Count(r => r.Type == RegionType.Subcortical));
        Assert.Equal(33, set.Regions.Count(r => r.Type == RegionType.Cortical && r.Hemisphere == Hemisphere.Left));
        Assert.DoesNotContain(set.Regions, r => r.Structure == "bankssts");
    }

    [Fact]
    public void MmsivaeSubcorticalSetIsTheAuthorsCodeList()
    {
        var sub = RegionCatalogue.Default.Set(RegionSet.Mmsivae).Regions.Where(r => r.Type == RegionType.Subcortical).Select(r => r.Id).ToHashSet();
        string[] paired = ["Thalamus", "Caudate", "Putamen", "Pallidum", "Hippocampus", "Amygdala", "Accumbens-area", "VentralDC", "choroid-plexus"];
        var expected = paired.SelectMany(s => new[] { "Left-" + s, "Right-" + s })
            .Concat(["Brain-Stem", "CC_Posterior", "CC_Mid_Posterior", "CC_Central", "CC_Mid_Anterior", "CC_Anterior"]);
        Assert.True(sub.SetEquals(expected));
    }

    // ADNI column names confirmed in several independent scripts (domain-notes §1.2): ST29SV / ST88SV hippocampus.
    [Theory]
    [InlineData("Left-Hippocampus", "ST29SV", "LEFT_HIPPOCAMPUS_SUVR", 17)]
    [InlineData("Right-Hippocampus", "ST88SV", "RIGHT_HIPPOCAMPUS_SUVR", 53)]
    [InlineData("lh_precuneus", "ST52CV", "CTX_LH_PRECUNEUS_SUVR", 1025)]
    [InlineData("rh_entorhinal", "ST83CV", "CTX_RH_ENTORHINAL_SUVR", 2006)]
    public void AdniColumnsMatchTheDataDictionary(string id, string st, string suvr, int lut)
    {
        var region = RegionCatalogue.Default.Get(id);
        Assert.Equal(st, region.UcsffsxVolumeColumn);
        Assert.Equal(suvr, region.UcberkeleySuvrColumns[0]);
        Assert.Equal(lut, region.FreeSurferLutId);
    }

    [Fact]
    public void EveryCatalogueRegionHasSyntheticCalibration()
    {
        var parameters = Normative.Data.Synthetic.SyntheticCohortParameters.Default;
        Assert.All(RegionCatalogue.Default.All, r => parameters.Region(r.Id));
    }

    [Fact]
    public void UnknownPresetIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => RegionCatalogue.Default.Set("dk68"));
        Assert.Contains("mmsivae", error.Message);
    }
}
