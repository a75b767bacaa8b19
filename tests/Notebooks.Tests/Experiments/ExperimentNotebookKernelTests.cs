using Normative.Notebooks.Runner;
using Normative.TestSupport;
using Notebooks.Tests.Kernel;
using Xunit.Abstractions;

namespace Notebooks.Tests.Experiments;

/// <summary>
/// Every experiment notebook runs on the project's Jupyter kernel through Debian's
/// <c>jupyter nbconvert --to notebook --execute</c>, with the "test" profile injected as the runner
/// would, so the real client path stays green.
/// </summary>
public sealed class ExperimentNotebookKernelTests(KernelSpecFixture kernelSpec, ITestOutputHelper output) : IClassFixture<KernelSpecFixture>
{
    [SkippableTheory]
    [MemberData(nameof(ExperimentNotebooks.Names), MemberType = typeof(ExperimentNotebooks))]
    public void RunsThroughNbconvertWithTheTestProfile(string name)
    {
        JupyterTools.Require();
        bool png = ExternalTools.ChromiumAvailableOrRequiredUnderCi();
        Assert.True(kernelSpec.Install.ExitCode == 0, kernelSpec.Install.Error);
        var folder = kernelSpec.Scratch("experiments-" + name);
        var notebook = NotebookDocument.Load(ExperimentNotebooks.PathOf(name));
        Assert.Empty(NotebookParameters.Inject(notebook, ExperimentNotebooks.TestParameters(name)));
        var source = Path.Combine(folder, name + ".ipynb");
        notebook.Save(source);

        var converted = JupyterTools.Run(JupyterTools.NbConvert,
            ["--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", source, "--output", name + ".executed", "--output-dir", folder],
            kernelSpec.Environment, TimeSpan.FromMinutes(10));

        Assert.True(converted.ExitCode == 0, converted.Error);
        var executedPath = Path.Combine(folder, name + ".executed.ipynb");
        Assert.Null(JupyterTools.Validate(executedPath));
        ExperimentNotebooks.AssertShowsItsResults(name, NotebookDocument.Load(executedPath), expectPng: png);
        output.WriteLine($"{name}: {converted.Elapsed.TotalSeconds:0.0} s through nbconvert (kernel start-up included)");
    }
}
