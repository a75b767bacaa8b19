using Spectre.Console;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// Shows progress of long work: a Spectre.Console progress bar on an interactive terminal,
/// plain "name: k/n" lines when output is redirected (CI logs, pipes).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>A task's progress, reported by the work as it goes.</summary>
    public interface ITaskProgress
    {
        /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> units and an optional status.</summary>
        void Report(double done, double total, string? status = null);
    }

    /// <summary>Runs <paramref name="work"/>, giving it a factory of named progress tasks.</summary>
    public static T Run<T>(Func<Func<string, ITaskProgress>, T> work)
    {
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context => work(name => new BarTask(context.AddTask(Markup.Escape(name)))));
        }
        return work(name => new LineTask(name));
    }

    private sealed class BarTask(ProgressTask task) : ITaskProgress
    {
        private readonly string _name = task.Description;

        public void Report(double done, double total, string? status = null)
        {
            task.MaxValue = Math.Max(total, 1e-9);
            task.Value = done;
            task.Description = status == null ? _name : $"{_name} [grey]{Markup.Escape(status)}[/]";
        }
    }

    private sealed class LineTask(string name) : ITaskProgress
    {
        private int _lastPercent = -1;

        public void Report(double done, double total, string? status = null)
        {
            // One line per 10% keeps logs readable while still showing that work moves.
            int percent = total <= 0 ? 100 : (int)(100 * done / total);
            if (percent / 10 == _lastPercent / 10 && percent < 100) return;
            if (percent == _lastPercent) return;
            _lastPercent = percent;
            Console.WriteLine($"{name}: {done:0}/{total:0}{(status == null ? "" : $" ({status})")}");
        }
    }
}
