using BlazorChat.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Data;

/// <summary>
/// A named lease held by one node until it expires: background jobs take one so that a single node
/// runs them at a time, and each node keeps one alive as its heartbeat. The expiry is stored as
/// Unix milliseconds so that both databases can compare it in SQL.
/// </summary>
public class Lease
{
    public const int NameMaxLength = 100;

    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public long ExpiresAtUnixMs { get; set; }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> lease)
    {
        lease.ToTable("Leases");
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(Lease.NameMaxLength);
        lease.Property(l => l.Holder).HasMaxLength(Lease.NameMaxLength).IsRequired();
    }
}

/// <summary>Takes, renews and releases <see cref="Lease"/> rows with conditional writes, so two nodes never both hold one.</summary>
public sealed class LeaseStore(IDbContextFactory<ChatDbContext> dbFactory, TimeProvider clock, NodeIdentity? node = null)
{
    /// <summary>This node's identity as a lease holder.</summary>
    public string NodeId { get; } = (node ?? new NodeIdentity()).Id;

    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="duration"/>; false when another node holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)duration.TotalMilliseconds;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await db.Leases.Where(l => l.Name == name && (l.Holder == NodeId || l.ExpiresAtUnixMs < now))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, NodeId).SetProperty(x => x.ExpiresAtUnixMs, expires), ct);
        if (taken == 1) return true;
        if (await db.Leases.AnyAsync(l => l.Name == name, ct)) return false;
        db.Leases.Add(new Lease { Name = name, Holder = NodeId, ExpiresAtUnixMs = expires });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return false; // another node created it first
        }
    }

    /// <summary>Lets go of <paramref name="name"/> if this node holds it.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Leases.Where(l => l.Name == name && l.Holder == NodeId).ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAtUnixMs, 0L), ct);
    }

    /// <summary>How many leases whose name starts with <paramref name="prefix"/> are held now.</summary>
    public async Task<int> CountHeldAsync(string prefix, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Leases.CountAsync(l => l.Name.StartsWith(prefix) && l.ExpiresAtUnixMs >= now, ct);
    }
}
