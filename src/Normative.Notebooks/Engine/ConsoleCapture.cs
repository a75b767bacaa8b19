using System.Text;

namespace Normative.Notebooks.Engine;

/// <summary>
/// Sends what a cell writes to <see cref="Console.Out"/> and <see cref="Console.Error"/> to that
/// cell's outputs. The console is process-global, so the capture is installed once (writers
/// that route to the current cell, or to the original console when no cell runs) and only one
/// cell may be captured at a time; <see cref="ScriptSession"/> serialises execution to ensure it.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly object Gate = new();
    private static Action<string, string>? sink;
    private static TextWriter? installedOut;
    private static TextWriter? installedError;

    /// <summary>Routes console output to <paramref name="cellSink"/> (stream name, text) until the returned scope is disposed.</summary>
    public static IDisposable Redirect(Action<string, string> cellSink)
    {
        lock (Gate)
        {
            if (sink != null) throw new InvalidOperationException("Console output is already captured for another executing cell; cells run one at a time.");
            // Console.SetOut wraps the writer, so the installed instance is remembered, not type-tested.
            if (!ReferenceEquals(Console.Out, installedOut))
            {
                Console.SetOut(new RoutingWriter(StreamOutput.StandardOutput, Console.Out));
                installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, installedError))
            {
                Console.SetError(new RoutingWriter(StreamOutput.StandardError, Console.Error));
                installedError = Console.Error;
            }
            sink = cellSink;
            return new Scope(Console.In);
        }
    }

    private sealed class Scope : IDisposable
    {
        private readonly TextReader input;
        private bool disposed;

        public Scope(TextReader input)
        {
            this.input = input;
            // A cell that reads the console would wait forever on a kernel or in CI; it reads end-of-input instead.
            Console.SetIn(TextReader.Null);
        }

        public void Dispose()
        {
            lock (Gate)
            {
                if (disposed) return;
                disposed = true;
                sink = null;
                Console.SetIn(input);
            }
        }
    }

    /// <summary>A console writer that forwards to the captured cell, or to the original console between cells.</summary>
    private sealed class RoutingWriter(string streamName, TextWriter original) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Route(value.ToString());

        public override void Write(string? value)
        {
            if (!string.IsNullOrEmpty(value)) Route(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            if (count > 0) Route(new string(buffer, index, count));
        }

        public override void Flush()
        {
            lock (Gate) original.Flush();
        }

        private void Route(string text)
        {
            Action<string, string>? target;
            lock (Gate) target = sink;
            if (target != null) target(streamName, text);
            else lock (Gate) original.Write(text);
        }
    }
}
