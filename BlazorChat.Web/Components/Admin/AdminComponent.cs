using BlazorChat.Core.Common;
using BlazorChat.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorChat.Web.Components.Admin;

/// <summary>
/// What every administration page and dialog does: act as the signed-in person through a Core
/// service, and show a refusal next to the field it concerns, or above the form when no field
/// on the page shows it.
/// </summary>
public abstract class AdminComponent : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string? _errorField;

    /// <summary>The message of the last refusal, if the last action was refused.</summary>
    protected string? Error { get; private set; }

    /// <summary>The fields this component shows errors next to; a refusal of any other field shows as <see cref="OtherError"/>.</summary>
    protected virtual IReadOnlyCollection<string> FieldsShown => [];

    /// <summary>The refusal of <paramref name="field"/>, or null.</summary>
    protected string? ErrorFor(string field) => _errorField == field ? Error : null;

    /// <summary>A refusal that no field of the component shows.</summary>
    protected string? OtherError => _errorField is { } shown && FieldsShown.Contains(shown) ? null : Error;

    /// <summary>The signed-in person's id, or null when signed out.</summary>
    protected async Task<Guid?> ActorAsync() => CurrentUser.IdOf((await AuthenticationState).User);

    /// <summary>Runs <paramref name="action"/> as the signed-in person; false (with the refusal shown) when it was refused.</summary>
    protected async Task<bool> RunAsync(Func<Guid, Task> action)
    {
        if (await ActorAsync() is not { } actorId) return false;
        (_errorField, Error) = (null, null);
        try
        {
            await action(actorId);
            return true;
        }
        catch (ChatValidationException ex)
        {
            (_errorField, Error) = (ex.Field, ex.Message);
        }
        catch (ChatConflictException ex)
        {
            (_errorField, Error) = (ex.Field, ex.Message);
        }
        catch (ChatException ex)
        {
            Error = ex.Message;
        }
        return false;
    }
}
