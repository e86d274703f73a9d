using BlazorChat.Core.Data;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorChat.Tests.Data;

/// <summary>
/// Hosted services start in registration order, and the background jobs (presence, file cleanup)
/// query the database as they start: on a new installation they found no tables and logged errors.
/// </summary>
public sealed class MigratingBeforeBackgroundWork
{
    [Fact]
    public async Task The_schema_is_brought_up_to_date_before_any_other_hosted_service_starts()
    {
        await using var host = await ChatTestHost.CreateAsync(TestDatabase.Sqlite, start: false);

        host.Services.GetServices<IHostedService>().First().ShouldBeOfType<DatabaseMigrator>();
    }
}
