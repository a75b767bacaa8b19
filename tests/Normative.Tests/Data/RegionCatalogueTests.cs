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

    // mmNormVAE's three feature sets: DK cortex, every aseg structure of the catalogue, 8 FreeSurfer subfields per side.
    [Theory]
    [InlineData(RegionSet.DkCortical, 66, RegionType.Cortical)]
    [InlineData(RegionSet.AsegSubcortical, 32, RegionType.Subcortical)]
    [InlineData(RegionSet.HippocampalSubfields, 16, RegionType.HippocampalSubfield)]
    public void MmNormVaeFeatureSetsHaveOneRegionType(string preset, int count, RegionType type)
    {
        var set = RegionCatalogue.Default.Set(preset);
        Assert.Equal(count, set.Count);
        Assert.All(set.Regions, r => Assert.Equal(type, r.Type));
        Assert.All(set.Regions, r => Assert.True(RegionCatalogue.Default.Set(RegionSet.MmNormVae).Contains(r.Id)));
    }

    // FreeSurferColorLUT.txt label ids of the subfield segmentation (FreeSurfer 6/7).
    [Theory]
    [InlineData("Left-CA1", "CA1", 206)]
    [InlineData("Right-subiculum", "subiculum", 205)]
    [InlineData("Left-molecular_layer_HP", "molecular_layer_HP", 214)]
    [InlineData("Right-Hippocampal_tail", "Hippocampal_tail", 226)]
    public void SubfieldsCarryFreeSurferNames(string id, string structure, int lut)
    {
        var region = RegionCatalogue.Default.Get(id);
        Assert.Equal(structure, region.Structure);
        Assert.Equal(lut, region.FreeSurferLutId);
        Assert.Empty(region.UcberkeleySuvrColumns);
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
