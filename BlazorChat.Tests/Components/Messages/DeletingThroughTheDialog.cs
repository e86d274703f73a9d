using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>
/// The delete dialog as the timeline opens it, through MudBlazor's dialog service, on the real Core:
/// it is a dialog named by its title, it deletes when confirmed and hands back the deleted view, a
/// moderator must give a reason (the refusal shows in the dialog and nothing is deleted), and
/// Cancel deletes nothing.
/// </summary>
public sealed class DeletingThroughTheDialog(SqliteChatHost fixture) : ComponentTest, IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<DialogResult?> Result)> OpenAsync(MessageView message, Guid viewerId)
    {
        UseCore(Host);
        var provider = Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<DeleteMessageDialog> { { d => d.Message, message }, { d => d.ViewerId, viewerId } };
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<DeleteMessageDialog>("Delete message", parameters));
        provider.WaitForAssertion(() => provider.ByRole("dialog", "Delete message"));
        return (provider, reference.Result);
    }

    private async Task<MessageView> StoredAsync(Guid viewerId, Guid messageId) =>
        await Host.Services.GetRequiredService<MessageService>().GetAsync(viewerId, messageId);

    [Fact]
    public async Task Confirming_deletes_the_own_message_and_hands_back_the_deleted_view()
    {
        var (room, owner) = await Host.CreateChannelAsync("dialogs");
        var message = await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "regret this");
        var (provider, result) = await OpenAsync(message, owner.Id);

        provider.ByRole("dialog", "Delete message").TextContent.ShouldContain("Delete this message?");
        provider.AllByRole("textbox").ShouldBeEmpty(); // no reason asked of an author
        provider.ByRole("dialog", "Delete message").QuerySelector("form")!.Submit();

        var closed = (await result.WaitAsync(TimeSpan.FromSeconds(10))).ShouldNotBeNull();
        closed.Canceled.ShouldBeFalse();
        closed.Data.ShouldBeOfType<MessageView>().Id.ShouldBe(message.Id);
        (await StoredAsync(owner.Id, message.Id)).IsDeleted.ShouldBeTrue();
        provider.WaitForAssertion(() => provider.AllByRole("dialog").ShouldBeEmpty());
    }

    [Fact]
    public async Task A_moderator_without_a_reason_is_told_so_in_the_dialog_and_nothing_is_deleted()
    {
        var (room, owner) = await Host.CreateChannelAsync("moderated");
        var member = await Host.CreateUserAsync("member");
        await Host.Rooms.JoinAsync(member.Id, room.Id);
        var message = await Host.Messages.SendAsync(member.Id, room.Id, Guid.NewGuid(), "off topic");
        var (provider, result) = await OpenAsync(message, owner.Id);

        provider.ByRole("textbox", "Reason");
        provider.ByRole("dialog", "Delete message").QuerySelector("form")!.Submit();

        provider.WaitForAssertion(() => provider.ByRole("alert").TextContent.ShouldContain("Say why"));
        result.IsCompleted.ShouldBeFalse();
        (await StoredAsync(owner.Id, message.Id)).IsDeleted.ShouldBeFalse();

        provider.ByRole("textbox", "Reason").Input("Spam");
        provider.ByRole("dialog", "Delete message").QuerySelector("form")!.Submit();

        (await result.WaitAsync(TimeSpan.FromSeconds(10))).ShouldNotBeNull().Canceled.ShouldBeFalse();
        (await StoredAsync(owner.Id, message.Id)).IsDeleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Cancel_closes_the_dialog_and_deletes_nothing()
    {
        var (room, owner) = await Host.CreateChannelAsync("kept");
        var message = await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "keep me");
        var (provider, result) = await OpenAsync(message, owner.Id);

        provider.ByRole("button", "Cancel").Click();

        (await result.WaitAsync(TimeSpan.FromSeconds(10))).ShouldNotBeNull().Canceled.ShouldBeTrue();
        (await StoredAsync(owner.Id, message.Id)).IsDeleted.ShouldBeFalse();
    }
}
