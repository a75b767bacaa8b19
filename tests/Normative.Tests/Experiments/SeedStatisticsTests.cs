using System.Text.Json;
using Normative.Data;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

public sealed class SeedStatisticsTests
{
    [Fact]
    public void Mean_and_sample_sd_match_the_hand_values()
    {
        // 2, 4, 9: mean 5, s^2 = (9 + 1 + 16) / 2 = 13.
        var summary = SeedStatistics.Summarise([2, 4, 9]);
        Assert.Equal(5, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(13), summary.StandardDeviation!.Value, 12);
        Assert.Null(SeedStatistics.Summarise([3]).StandardDeviation);
    }

    [Fact]
    public void An_infinite_seed_makes_the_mean_infinite_and_is_counted()
    {
        var summary = SeedStatistics.Summarise([2, double.PositiveInfinity, double.NaN, 4]);
        Assert.True(double.IsPositiveInfinity(summary.Mean));
        Assert.Null(summary.StandardDeviation);
        Assert.Equal((4, 1, 1), (summary.Seeds, summary.InfiniteSeeds, summary.UndefinedSeeds));
    }

    [Fact]
    public void Csv_and_json_spell_infinity_the_same_way()
    {
        // One spelling in every results file (issue 15): "Infinity", which double.Parse, pandas and R read back.
        Assert.Equal("Infinity", ResultFiles.Cell(double.PositiveInfinity));
        Assert.Equal("-Infinity", ResultFiles.Cell(double.NegativeInfinity));
        Assert.Equal(CsvFormat.Number(double.PositiveInfinity), ResultFiles.Cell(double.PositiveInfinity));
        Assert.Equal("\"Infinity\"", JsonSerializer.Serialize(double.PositiveInfinity, ResultFiles.Json));
        Assert.True(double.IsPositiveInfinity(double.Parse("Infinity", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
