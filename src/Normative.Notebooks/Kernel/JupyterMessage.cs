using System.Globalization;
using System.Text.Json.Nodes;

namespace Normative.Notebooks.Kernel;

/// <summary>
/// One message of the Jupyter messaging protocol (5.3): routing identities, then the header,
/// the parent's header, metadata and content (JSON objects), as in
/// https://jupyter-client.readthedocs.io/en/stable/messaging.html.
/// </summary>
public sealed record JupyterMessage(IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Metadata, JsonObject Content)
{
    /// <summary>The protocol version the kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The message type (<c>header.msg_type</c>).</summary>
    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>A new message of <paramref name="messageType"/> answering or caused by <paramref name="parent"/>.</summary>
    public static JupyterMessage Create(string messageType, JsonObject content, JupyterMessage? parent, string session, IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [],
            new JsonObject
            {
                ["msg_id"] = Guid.NewGuid().ToString("N"),
                ["session"] = session,
                ["username"] = "normative",
                ["date"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                ["msg_type"] = messageType,
                ["version"] = ProtocolVersion,
            },
            parent?.Header.DeepClone().AsObject() ?? [],
            [],
            content);
}
