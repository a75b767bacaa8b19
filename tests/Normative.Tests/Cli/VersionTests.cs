using System.CommandLine;
using System.Text.RegularExpressions;
using Normative.Cli;
using Normative.Cli.Infrastructure;

namespace Normative.Tests.Cli;

/// <summary><c>normative --version</c> names the build: package version, commit, TorchSharp and libtorch (issue 14).</summary>
public sealed class VersionTests
{
    [Fact]
    public void VersionPrintsPackageCommitTorchSharpAndLibTorch()
    {
        var output = new StringWriter();
        int exit = NormativeCommand.Build().Parse(["--version"]).Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^normative \d+\.\d+\.\d+", lines[0]);
        Assert.Matches(@"^commit +([0-9a-f]{40}|unknown \(built outside a git checkout\))$", lines[1]);
        string torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3);
        Assert.Equal($"TorchSharp {torchSharp}", Regex.Replace(lines[2], " +", " "));
        // The build records the libtorch package it resolved (Normative.Cli.csproj).
        Assert.Matches(@"^libtorch +libtorch-[a-z0-9.-]+ \d+\.\d+\.\d+$", lines[3]);
    }

    [Fact]
    public void ACheckoutWithGitEmbedsTheCommit()
    {
        bool inGitCheckout = false;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            inGitCheckout |= Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"));
        if (inGitCheckout)
            Assert.Matches("^[0-9a-f]{40}$", VersionInfo.Current.Commit ?? "(none)");
    }

    [Theory]
    [InlineData("1.0.0+167b15e0124a41b244332172b1ec78e5ca0e7df6", "1.0.0", "167b15e0124a41b244332172b1ec78e5ca0e7df6")]
    [InlineData("1.0.0", "1.0.0", null)]
    [InlineData("2.1.0-beta+abc", "2.1.0-beta", "abc")]
    public void InformationalVersionSplitsIntoVersionAndCommit(string informational, string version, string? commit)
    {
        Assert.Equal((version, commit), VersionInfo.SplitInformational(informational));
    }

    [Fact]
    public void LibTorchIsPickedFromTheRecordedNativePackages()
    {
        Assert.Equal("libtorch-cpu-linux-x64 2.10.0", VersionInfo.LibTorchOf("SkiaSharp.NativeAssets.Linux 2.88.9;libtorch-cpu-linux-x64 2.10.0"));
        Assert.Null(VersionInfo.LibTorchOf(null));
        Assert.Null(VersionInfo.LibTorchOf("SkiaSharp.NativeAssets.Linux 2.88.9"));
    }
}
