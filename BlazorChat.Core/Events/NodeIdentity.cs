using System.Text.RegularExpressions;

namespace BlazorChat.Core.Events;

/// <summary>
/// The name of this node among the nodes that share one database and one Redis: it tags what the
/// node publishes (so it does not deliver its own events twice), its presence reports, its leases
/// and the <c>bc_node</c> cookie a load balancer keeps people on it with.
/// </summary>
public sealed partial class NodeIdentity
{
    /// <summary>The configuration key (<c>BlazorChat:NodeId</c>); when unset, a name is made up at start.</summary>
    public const string ConfigurationKey = "BlazorChat:NodeId";

    public NodeIdentity(string? configured = null)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            var machine = NotAllowed().Replace(Environment.MachineName, "-");
            Id = $"{(machine.Length > 31 ? machine[..31] : machine)}-{Guid.NewGuid():N}";
        }
        else if (IsValid(configured.Trim())) Id = configured.Trim();
        else throw new ArgumentException(
            $"{ConfigurationKey} may use letters, digits, '.', '_' and '-' only, at most 64 of them (it is sent as a cookie).", nameof(configured));
    }

    /// <summary>Letters, digits, <c>._-</c>; safe in a cookie, a Redis key and a log line.</summary>
    public string Id { get; }

    public static bool IsValid(string id) => id.Length is > 0 and <= 64 && !NotAllowed().IsMatch(id);

    public override string ToString() => Id;

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotAllowed();
}
