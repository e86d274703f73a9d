using BlazorChat.Core.Common;
using BlazorChat.Core.Settings;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Moderation;

/// <summary>Site settings are stored in the database, validated, audited and applied at once.</summary>
public sealed class SiteSettingsLive : IAsyncLifetime
{
    private ChatTestHost _host = default!;
    private Core.Users.ChatUser _admin = default!;

    public async Task InitializeAsync()
    {
        _host = await ChatTestHost.CreateAsync(TestDatabase.Sqlite, purpose: "settings");
        _admin = await _host.CreateUserAsync("siteadmin");
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private SiteSettingsService Settings => _host.Services.GetRequiredService<SiteSettingsService>();

    [Fact]
    public async Task A_shorter_message_length_applies_to_the_next_send()
    {
        var (room, owner) = await _host.CreateChannelAsync("Terse");
        var settings = await Settings.GetAsync();
        settings.MessageMaxLength = 20;

        await Settings.UpdateAsync(_admin.Id, settings);

        var error = await Should.ThrowAsync<ChatValidationException>(() => _host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), new string('a', 21)));
        error.Message.ShouldContain("at most 20");
        await _host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), new string('a', 20));
    }

    [Fact]
    public async Task Settings_are_validated_and_a_refused_change_keeps_the_old_ones()
    {
        var settings = await Settings.GetAsync();
        settings.UploadMaxMegabytes = 0;
        settings.SiteName = "Changed";
        (await Should.ThrowAsync<ChatValidationException>(() => Settings.UpdateAsync(_admin.Id, settings))).Field.ShouldBe("UploadMaxMegabytes");
        (await Settings.GetAsync()).SiteName.ShouldBe(SiteSettings.DefaultSiteName);
    }

    [Fact]
    public async Task Closed_registration_refuses_and_invite_only_takes_a_valid_invite_once()
    {
        var settings = await Settings.GetAsync();
        settings.RegistrationMode = RegistrationMode.Closed;
        await Settings.UpdateAsync(_admin.Id, settings);
        var closed = await _host.WithAccountsAsync(a => a.RegisterAsync("c@example.test", "closedout", ChatTestHost.Password));
        closed.Succeeded.ShouldBeFalse();
        closed.Errors[""].ShouldHaveSingleItem().ShouldContain("closed");

        settings.RegistrationMode = RegistrationMode.InviteOnly;
        await Settings.UpdateAsync(_admin.Id, settings);
        var invite = await _host.Services.GetRequiredService<InviteService>().CreateAsync(_admin.Id, maxUses: 1, validDays: 7);
        (await _host.WithAccountsAsync(a => a.RegisterAsync("n@example.test", "noinvite", ChatTestHost.Password))).Succeeded.ShouldBeFalse();
        (await _host.WithAccountsAsync(a => a.RegisterAsync("i@example.test", "invited", ChatTestHost.Password, invite.Code))).Succeeded.ShouldBeTrue();
        (await _host.WithAccountsAsync(a => a.RegisterAsync("j@example.test", "invited2", ChatTestHost.Password, invite.Code))).Succeeded.ShouldBeFalse();
    }
}
