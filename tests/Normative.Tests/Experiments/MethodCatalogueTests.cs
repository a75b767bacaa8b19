using Normative.Experiments;
using Normative.Models;

namespace Normative.Tests.Experiments;

/// <summary>Choosing Table 1 rows by key, including keys of models another branch is still adding.</summary>
public sealed class MethodCatalogueTests
{
    private static bool Registered(string model) => ModelRegistry.All.Any(d => string.Equals(d.Name, model, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void SelectAvailableSetsAsideCataloguedRowsWhoseModelIsNotRegistered()
    {
        string[] keys = ["mmsivae-mopoe", "mmvm", "jnf", "jnf-shared", "vae", "mmsivae-mopoe"];
        var selection = MethodCatalogue.SelectAvailable(keys);

        // Expected from the registry of this build: a key is trainable exactly when its catalogue row's model is registered.
        var rows = keys.Distinct().Select(k => MethodCatalogue.Table1.Single(m => m.Key == k)).ToArray();
        Assert.Equal(rows.Where(m => Registered(m.Model)).Select(m => m.Key), selection.Methods.Select(m => m.Key));
        Assert.Equal(rows.Where(m => !Registered(m.Model)).Select(m => m.Key), selection.NotRegistered);
        Assert.Equal("mmsivae-mopoe", selection.Methods[0].Key);
    }

    [Fact]
    public void SelectAvailableStillRejectsAKeyNoRowHas()
    {
        var error = Assert.Throws<ArgumentException>(() => MethodCatalogue.SelectAvailable(["mmsivae-mopoe", "mmsivea"]));
        Assert.Contains("Unknown method 'mmsivea'", error.Message);
    }
}
