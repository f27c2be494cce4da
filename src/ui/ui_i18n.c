/* ui_i18n.c — the translation table. See ui_i18n.h. */
#include "ui/ui_i18n.h"

#include <assert.h>
#include <string.h>

typedef struct Entry {
    UiStr id;
    const char *text[UI_LANG_COUNT];
} Entry;

/* Kept in UiStr order; ui_tr checks that in debug builds. */
static const Entry TABLE[S_COUNT] = {
    {S_CHECK_IN, {"Check in", "Registrarme"}},
    {S_NEW_HERE, {"I'm new here", "Es mi primera vez"}},
    {S_EXPLORE, {"Explore programs", "Explorar programas"}},
    {S_OTHER_LANGUAGE, {"Español", "English"}},
    {S_CONTRAST, {"Larger text", "Texto más grande"}},
    {S_WELCOME_HINT,
     {"Welcome! Tap Check in to find your name.",
      "¡Bienvenidos! Toque Registrarme para buscar su nombre."}},
    {S_BACK, {"Back", "Atrás"}},
    {S_FIND_TITLE, {"Find your name", "Busque su nombre"}},
    {S_FIND_PLACEHOLDER,
     {"Type your first name, last name or company", "Escriba su nombre, apellido o empresa"}},
    {S_FIND_MORE, {"Type at least 2 letters", "Escriba al menos 2 letras"}},
    {S_FIND_NONE,
     {"No match. Check the spelling, or tap I'm new here.",
      "Sin resultados. Revise la ortografía o toque Es mi primera vez."}},
    {S_FIND_SHOW_MORE, {"Show %zu more", "Ver %zu más"}},
    {S_CONFIRM_TITLE, {"Is this you?", "¿Es usted?"}},
    {S_YES, {"Yes, check me in", "Sí, registrarme"}},
    {S_NO, {"No, go back", "No, volver"}},
    {S_WALKIN_TITLE, {"Tell us about yourself", "Cuéntenos sobre usted"}},
    {S_FIRST, {"First name", "Nombre"}},
    {S_LAST, {"Last name", "Apellido"}},
    {S_COMPANY, {"Company", "Empresa"}},
    {S_JOB, {"Job title", "Cargo"}},
    {S_EMAIL, {"Email", "Correo electrónico"}},
    {S_PHONE, {"Phone", "Teléfono"}},
    {S_CONSENT, {"You may contact me about partnering", "Pueden contactarme sobre colaboraciones"}},
    {S_NEXT, {"Next", "Siguiente"}},
    {S_ERR_FIRST, {"Please enter your first name", "Escriba su nombre"}},
    {S_ERR_LAST, {"Please enter your last name", "Escriba su apellido"}},
    {S_ERR_EMAIL,
     {"This does not look like an email address", "Esto no parece un correo electrónico"}},
    {S_ERR_PHONE, {"Use only digits, spaces and + - ( )", "Use solo números, espacios y + - ( )"}},
    {S_OPTIONAL, {"optional", "opcional"}},
    {S_INTERESTS_TITLE, {"What interests you?", "¿Qué le interesa?"}},
    {S_INTERESTS_TITLE_FMT, {"Hi %s! What interests you?", "¡Hola, %s! ¿Qué le interesa?"}},
    {S_MORE_BELOW, {"More below", "Más abajo"}},
    {S_INTERESTS_PROGRAMS,
     {"Programs you would like to support", "Programas que le gustaría apoyar"}},
    {S_INTERESTS_KINDS, {"Ways you could partner", "Formas de colaborar"}},
    {S_CONTINUE, {"Continue", "Continuar"}},
    {S_KIND_INTERNS, {"Host interns", "Recibir pasantes"}},
    {S_KIND_SHADOWING, {"Job shadowing", "Observación laboral"}},
    {S_KIND_SPEAKING, {"Guest speaking", "Charlas invitadas"}},
    {S_KIND_ADVISORY, {"Advisory board", "Consejo asesor"}},
    {S_KIND_MENTORING, {"Mentoring", "Mentoría"}},
    {S_KIND_EQUIPMENT, {"Equipment or donations", "Equipos o donaciones"}},
    {S_KIND_SPONSORSHIP, {"Sponsorship", "Patrocinio"}},
    {S_KIND_HIRING, {"Hiring graduates", "Contratar egresados"}},
    {S_DONE_FMT, {"Welcome, %s!", "¡Bienvenido/a, %s!"}},
    {S_DONE_SUB,
     {"You're checked in. Enjoy the event!", "Su llegada quedó registrada. ¡Disfrute el evento!"}},
    {S_DONE_OK, {"Done", "Listo"}},
    {S_BADGE_PRINTING, {"Printing your badge…", "Imprimiendo su gafete…"}},
    {S_BADGE_PRINTED, {"Your badge is ready.", "Su gafete está listo."}},
    {S_BADGE_FAILED,
     {"Your badge did not print. Please see a staff member.",
      "Su gafete no se imprimió. Por favor, hable con el personal."}},
    {S_ALREADY, {"You're already checked in", "Ya está registrado/a"}},
    {S_ALREADY_SUB_FMT,
     {"Good to see you, %s. Enjoy the event!", "Qué gusto verle, %s. ¡Disfrute el evento!"}},
    {S_OK, {"OK", "Aceptar"}},
    {S_STAFF_TITLE, {"Please see a staff member", "Por favor, hable con el personal"}},
    {S_STAFF_SUB,
     {"We could not save your check-in. A staff member will help you.",
      "No pudimos guardar su registro. Alguien del personal le ayudará."}},
    {S_SCAN_UNKNOWN,
     {"We could not find that code. Please tap Check in.",
      "No encontramos ese código. Toque Registrarme."}},
    {S_PROGRAMS_TITLE, {"Explore programs", "Explorar programas"}},
    {S_PROGRAMS_EMPTY, {"No programs yet", "Aún no hay programas"}},
    {S_KEY_SPACE, {"space", "espacio"}},
    {S_KEY_HIDE, {"Hide", "Ocultar"}},
    {S_KEY_ENTER, {"Enter", "Intro"}},
    {S_KEY_SHIFT, {"Shift", "Mayús"}},
    {S_KEY_DELETE, {"Delete", "Borrar"}},
    {S_KEY_NUMBERS, {"123", "123"}},
    {S_KEY_LETTERS, {"ABC", "ABC"}},
    {S_KEY_ACCENTS, {"áé", "áé"}},
    {S_PIN_TITLE, {"Enter PIN", "Ingrese el PIN"}},
    {S_PIN_HINT, {"Staff only: enter the staff PIN", "Solo personal: ingrese el PIN del personal"}},
    {S_PIN_WRONG, {"Wrong PIN.", "PIN incorrecto."}},
    {S_PIN_TRIES_FMT,
     {"%d more tries before a lock-out.", "Quedan %d intentos antes del bloqueo."}},
    {S_PIN_TRIES_ONE, {"1 more try before a lock-out.", "Queda 1 intento antes del bloqueo."}},
    {S_PIN_WAIT, {"Wait a moment, then try again", "Espere un momento e inténtelo de nuevo"}},
    {S_PIN_LOCKED, {"Locked: too many wrong PINs.", "Bloqueado: demasiados PIN incorrectos."}},
    {S_PIN_TRY_IN_FMT, {"Try again in %s", "Inténtelo de nuevo en %s"}},
    {S_PIN_NONE,
     {"No staff PIN is set. Set one with:", "No hay PIN del personal. Configúrelo con:"}},
    {S_PIN_NONE_CMD, {"lanyard set-pin --event DIR", "lanyard set-pin --event DIR"}},
    {S_PIN_NONE_DEMO,
     {"This demo window: tap OK to go in without one.",
      "Ventana de demostración: toque Aceptar para entrar sin PIN."}},
    {S_PIN_NONE_KIOSK,
     {"Staff mode stays closed until then.", "El modo del personal queda cerrado hasta entonces."}},
    {S_PIN_ERROR,
     {"The PIN cannot be checked: the database cannot be read.",
      "No se puede comprobar el PIN: no se puede leer la base de datos."}},
    {S_CANCEL, {"Cancel", "Cancelar"}},
    {S_STAFF_HEADING, {"Staff", "Personal"}},
    {S_EXIT_KIOSK, {"Exit kiosk", "Salir del quiosco"}},
    {S_STAFF_CHECKED_IN, {"Checked in", "Registrados"}},
    {S_STAFF_EXPECTED_FMT, {"of %zu expected", "de %zu esperados"}},
    {S_STAFF_WALKINS, {"Walk-ins", "Sin registro previo"}},
    {S_STAFF_WALKINS_SUB, {"registered here", "registrados aquí"}},
    {S_STAFF_BADGES, {"Badge printer", "Impresora de gafetes"}},
    {S_STAFF_PRINT_OFF, {"Not printing", "No imprime"}},
    {S_STAFF_PRINT_PNG, {"PNG files", "Archivos PNG"}},
    {S_STAFF_PRINT_FMT, {"%zu waiting, %zu failed", "%zu en espera, %zu con error"}},
    {S_STAFF_IMPORT_FMT, {"Not imported: %s", "No importado: %s"}},
    {S_EXPORT_USB, {"Export to USB", "Exportar a USB"}},
    {S_EXPORT_DONE, {"Exported to:", "Exportado a:"}},
    {S_EXPORT_NO_USB,
     {"No USB stick found. Insert one, wait a moment and try again.",
      "No se encontró una memoria USB. Conéctela, espere un momento e inténtelo de nuevo."}},
    {S_EXPORT_FAILED, {"Export failed:", "La exportación falló:"}},
    {S_STAFF_FIND, {"Find a guest", "Buscar invitado"}},
    {S_STAFF_FIND_HINT,
     {"Name, company or registration code", "Nombre, empresa o código de registro"}},
    {S_STAFF_FIND_NONE, {"No guest matches.", "Ningún invitado coincide."}},
    {S_STAFF_FIND_MORE_FMT, {"%zu more: type more of the name", "%zu más: escriba más del nombre"}},
    {S_STAFF_WALKIN, {"Walk-in", "Registro en el evento"}},
    {S_STAFF_PREREG, {"Pre-registered", "Preinscrito"}},
    {S_STAFF_CHECKED_AT_FMT, {"Checked in at %s", "Registrado a las %s"}},
    {S_STAFF_NOT_CHECKED, {"Not checked in", "Sin registrar"}},
    {S_STAFF_BADGE_YES, {"Badge printed", "Gafete impreso"}},
    {S_STAFF_BADGE_NO, {"Badge not printed", "Gafete sin imprimir"}},
    {S_STAFF_CODE_FMT, {"Code %s", "Código %s"}},
    {S_STAFF_UNDO, {"Undo check-in", "Deshacer registro"}},
    {S_STAFF_UNDO_ASK_FMT,
     {"Undo the check-in of %s? It stays on record as undone.",
      "¿Deshacer el registro de %s? Queda en el historial como deshecho."}},
    {S_STAFF_UNDO_YES, {"Yes, undo", "Sí, deshacer"}},
    {S_STAFF_UNDONE, {"Check-in undone.", "Registro deshecho."}},
    {S_STAFF_REPRINT, {"Reprint badge", "Reimprimir gafete"}},
    {S_STAFF_REPRINTED, {"Badge sent to print again.", "Gafete enviado a imprimir de nuevo."}},
    {S_STAFF_NO_PRINTING,
     {"Badges are not printed on this kiosk.", "Este quiosco no imprime gafetes."}},
    {S_STAFF_FIND_MANY,
     {"More guests match: type more of the name",
      "Coinciden más invitados: escriba más del nombre"}},
    {S_STAFF_CODE_LABEL, {"Code", "Código"}},
    {S_STAFF_KIND_LABEL, {"Registration", "Inscripción"}},
    {S_STAFF_BADGE_LABEL, {"Badge", "Gafete"}},
    {S_STAFF_TEST_BADGE, {"Print test badge", "Imprimir gafete de prueba"}},
    {S_STAFF_TEST_PNG, {"Test badge written to:", "Gafete de prueba guardado en:"}},
    {S_STAFF_TEST_SENT_FMT,
     {"Test badge sent to %s (job %d).", "Gafete de prueba enviado a %s (trabajo %d)."}},
    {S_STAFF_TEST_FAILED, {"Test badge failed:", "El gafete de prueba falló:"}},
    {S_STAFF_ARRIVALS, {"Arrivals per 15 minutes", "Llegadas cada 15 minutos"}},
    {S_STAFF_INTEREST, {"Interest per program", "Interés por programa"}},
    {S_STAFF_NO_ARRIVALS, {"No check-ins yet", "Aún no hay registros"}},
    {S_STAFF_NO_INTEREST, {"No interests yet", "Aún no hay intereses"}},
    {S_STAFF_NOW, {"now", "ahora"}},
    {S_STAFF_AGO_MIN_FMT, {"%d min ago", "hace %d min"}},
    {S_STAFF_AGO_H_FMT, {"%d:%02d h ago", "hace %d:%02d h"}},
    {S_STAFF_CHECKIN_LABEL, {"Checked in", "Registro"}},
    {S_STAFF_SYNC_FMT,
     {"Sync: last copied %s to %s", "Sincronización: última copia a las %s en %s"}},
    {S_STAFF_SYNC_WAITING_FMT,
     {"Sync: no copy yet in %s", "Sincronización: aún no hay copia en %s"}},
    {S_STAFF_SYNC_FAILED_FMT, {"Sync failed: %s", "La sincronización falló: %s"}},
    {S_STAFF_SYNC_FAILED_SINCE_FMT,
     {"Sync failed (last copied %s): %s", "La sincronización falló (última copia a las %s): %s"}},
    {S_INTERESTED, {"I'm interested", "Me interesa"}},
    {S_PROG_GRADES, {"Grade levels", "Grados"}},
    {S_PROG_CERTS, {"Certifications earned", "Certificaciones que se obtienen"}},
    {S_PROG_NEEDS, {"Partners sought for", "Buscamos socios para"}},
    {S_PROG_CONTACT, {"Contact", "Contacto"}},
    {S_PROG_SCAN, {"Scan with your phone", "Escanee con su teléfono"}},
};

const char *ui_tr(UiLang lang, UiStr s)
{
    assert(s < S_COUNT && TABLE[s].id == s);
    if ((unsigned)lang >= UI_LANG_COUNT)
        lang = UI_LANG_EN;
    return TABLE[s].text[lang];
}

static const struct {
    const char *key;
    UiStr s;
} KINDS[] = {
    {"interns", S_KIND_INTERNS},         {"shadowing", S_KIND_SHADOWING},
    {"speaking", S_KIND_SPEAKING},       {"advisory", S_KIND_ADVISORY},
    {"mentoring", S_KIND_MENTORING},     {"equipment", S_KIND_EQUIPMENT},
    {"sponsorship", S_KIND_SPONSORSHIP}, {"hiring", S_KIND_HIRING},
};

const char *ui_tr_kind(UiLang lang, const char *key)
{
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
        if (!strcmp(KINDS[i].key, key))
            return ui_tr(lang, KINDS[i].s);
    return key;
}

UiLang ui_lang_from_code(const char *code)
{
    if (code && !strcmp(code, "es"))
        return UI_LANG_ES;
    return UI_LANG_EN;
}
