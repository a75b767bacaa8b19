using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Normative.Notebooks.Engine;

namespace Normative.Notebooks.Kernel;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3 over ZeroMQ) for the <see cref="ScriptSession"/>:
/// shell and control (ROUTER), stdin (ROUTER), iopub (PUB) and heartbeat (REP, echo), with
/// HMAC-SHA256 signed messages. Front ends (VS Code's Jupyter extension, JupyterLab, nbclient)
/// start it from the kernelspec written by <see cref="KernelSpecInstaller"/>.
/// </summary>
/// <remarks>
/// One thread owns the sockets (a NetMQ poller): it receives every request and sends every
/// message, which other threads hand it through a queue (NetMQ sockets are not thread-safe).
/// Shell requests run one at a time, in order, on a worker thread, so control requests
/// (interrupt, shutdown) are served while a cell runs.
/// </remarks>
public sealed class JupyterKernel : IDisposable
{
    private readonly ConnectionInfo connection;
    private readonly TextWriter log;
    private readonly MessageCodec codec;
    private readonly string sessionId = Guid.NewGuid().ToString("N");
    private readonly ScriptSession session;
    private readonly RouterSocket shell = new();
    private readonly RouterSocket control = new();
    private readonly RouterSocket stdin = new();
    private readonly PublisherSocket iopub = new();
    private readonly ResponseSocket heartbeat = new();
    private readonly NetMQQueue<Action> outbox = new();
    private readonly BlockingCollection<JupyterMessage> shellRequests = [];
    private readonly NetMQPoller poller;
    private readonly ShellHandlers handlers;

    /// <summary>Binds the sockets named in <paramref name="connection"/>; <paramref name="log"/> receives diagnostics (stderr).</summary>
    public JupyterKernel(ConnectionInfo connection, TextWriter log, ScriptSessionOptions? sessionOptions = null)
    {
        this.connection = connection;
        this.log = log;
        codec = new MessageCodec(connection.Key);
        session = new ScriptSession(sessionOptions);
        handlers = new ShellHandlers(this, session);
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat }) socket.Options.Linger = TimeSpan.FromSeconds(1);
        shell.Bind(connection.Endpoint(connection.ShellPort));
        control.Bind(connection.Endpoint(connection.ControlPort));
        stdin.Bind(connection.Endpoint(connection.StdinPort));
        iopub.Bind(connection.Endpoint(connection.IOPubPort));
        heartbeat.Bind(connection.Endpoint(connection.HeartbeatPort));

        shell.ReceiveReady += (_, e) => Receive(e.Socket, shellRequests.Add);
        control.ReceiveReady += (_, e) => Receive(e.Socket, HandleControl);
        stdin.ReceiveReady += (_, e) => e.Socket.ReceiveMultipartMessage();
        heartbeat.ReceiveReady += (_, e) => e.Socket.SendMultipartMessage(e.Socket.ReceiveMultipartMessage());
        outbox.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var send, TimeSpan.Zero)) send();
        };
        poller = [shell, control, stdin, heartbeat, outbox];
    }

    /// <summary>Serves requests until a shutdown request (or <paramref name="cancellationToken"/>); returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var worker = new Thread(ServeShell) { IsBackground = true, Name = "kernel shell" };
        worker.Start();
        using var stop = cancellationToken.Register(Stop);
        using var parentWatch = WatchParent();
        log.WriteLine($"normative kernel {EngineInfo.Version}: listening on {connection.Ip} (shell {connection.ShellPort}, iopub {connection.IOPubPort}, control {connection.ControlPort}, hb {connection.HeartbeatPort})");
        Publish("status", new JsonObject { ["execution_state"] = "starting" }, null);
        await Task.Run(poller.Run, CancellationToken.None).ConfigureAwait(false);
        shellRequests.CompleteAdding();
        log.WriteLine("normative kernel: stopped");
        return 0;
    }

    /// <summary>Interrupts the running cell (as an interrupt_request does); used for SIGINT.</summary>
    public void Interrupt() => session.Interrupt();

    /// <summary>Closes the sockets and the session.</summary>
    public void Dispose()
    {
        if (poller.IsRunning) poller.Stop();
        poller.Dispose();
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat }) socket.Dispose();
        outbox.Dispose();
        shellRequests.Dispose();
        session.Dispose();
    }

    /// <summary>Sends a reply of <paramref name="messageType"/> on the socket <paramref name="request"/> came from.</summary>
    internal void Reply(JupyterMessage request, string messageType, JsonObject content, bool onControl = false)
    {
        var socket = onControl ? control : shell;
        var message = codec.Encode(JupyterMessage.Create(messageType, content, request, sessionId));
        outbox.Enqueue(() => socket.SendMultipartMessage(message));
    }

    /// <summary>Broadcasts a message on iopub (topic: the message type), caused by <paramref name="parent"/>.</summary>
    internal void Publish(string messageType, JsonObject content, JupyterMessage? parent)
    {
        var message = codec.Encode(JupyterMessage.Create(messageType, content, parent, sessionId, [System.Text.Encoding.ASCII.GetBytes($"kernel.{sessionId}.{messageType}")]));
        outbox.Enqueue(() => iopub.SendMultipartMessage(message));
    }

    /// <summary>Writes a diagnostic line to the kernel's log (stderr).</summary>
    internal void Log(string line)
    {
        lock (log) log.WriteLine($"normative kernel: {line}");
    }

    /// <summary>Ends the poller once the messages queued so far (a shutdown reply) are sent.</summary>
    internal void Stop()
    {
        session.Interrupt();
        try
        {
            outbox.Enqueue(() => poller.StopAsync());
        }
        catch (ObjectDisposedException)
        {
            // Already stopped.
        }
    }

    /// <summary>
    /// Stops the kernel when the process that started it is gone (jupyter_client names it in
    /// JPY_PARENT_PID, as ipykernel's parent poller reads it), so a crashed front end leaves no kernel behind.
    /// </summary>
    private Timer? WatchParent()
    {
        if (!int.TryParse(System.Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var parent) || parent <= 1) return null;
        return new Timer(_ =>
        {
            bool alive;
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(parent);
                alive = !process.HasExited;
            }
            catch (ArgumentException)
            {
                alive = false;
            }
            if (alive) return;
            Log($"parent process {parent} is gone; stopping");
            Stop();
        }, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    private void Receive(NetMQSocket socket, Action<JupyterMessage> handle)
    {
        var frames = socket.ReceiveMultipartMessage();
        JupyterMessage message;
        try
        {
            message = codec.Decode(frames);
        }
        catch (InvalidDataException error)
        {
            Log($"dropped a message: {error.Message}");
            return;
        }
        handle(message);
    }

    private void HandleControl(JupyterMessage request)
    {
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, request);
        switch (request.MessageType)
        {
            case "interrupt_request":
                session.Interrupt();
                Reply(request, "interrupt_reply", new JsonObject { ["status"] = "ok" }, onControl: true);
                break;
            case "shutdown_request":
                handlers.ReplyShutdown(request, onControl: true);
                break;
            default:
                handlers.Handle(request, onControl: true);
                break;
        }
        Publish("status", new JsonObject { ["execution_state"] = "idle" }, request);
    }

    private void ServeShell()
    {
        try
        {
            foreach (var request in shellRequests.GetConsumingEnumerable())
            {
                Publish("status", new JsonObject { ["execution_state"] = "busy" }, request);
                try
                {
                    handlers.Handle(request, onControl: false);
                }
                catch (Exception error)
                {
                    Log($"{request.MessageType} failed: {error}");
                }
                Publish("status", new JsonObject { ["execution_state"] = "idle" }, request);
            }
        }
        catch (ObjectDisposedException)
        {
            // The kernel was disposed while waiting.
        }
    }
}
