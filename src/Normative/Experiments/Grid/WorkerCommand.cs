namespace Normative.Experiments.Grid;

/// <summary>
/// How to start the <c>normative</c> program as a worker process: the executable and the arguments before the verb
/// (e.g. <c>dotnet</c> and the path of Normative.Cli.dll when there is no native launcher).
/// </summary>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> LeadingArguments);
