using System.CommandLine;
using Normative.Cli;

return await NormativeCommand.Build().Parse(args).InvokeAsync();
