//! Round trips of the Fast Transfer ROPs ([MS-OXCROPS] 2.2.12) through ROP buffers: a request
//! buffer holding one request and the response buffer answering it, `decode(encode(x)) == x`
//! for both; and whatever decodes from arbitrary bytes re-encodes to exactly those bytes.

#[macro_use]
mod common;

use common::{bytes16, check_request_bytes, check_response_bytes, mid, outcome, outcome_in};
use mapi_codec::data::PropTag;
use mapi_codec::rop::fast_transfer::*;
use mapi_codec::rop::field::{List16, NoFields, Outcome};
use proptest::collection::vec;
use proptest::prelude::*;

/// The four handles of every buffer built here.
const HANDLES: [u32; 4] = [0x6E, 0x7A, 0x7B, 0x7C];

fn idx() -> impl Strategy<Value = u8> {
    0u8..HANDLES.len() as u8
}

fn tags() -> impl Strategy<Value = List16<PropTag>> {
    common::prop_tags(6).prop_map(List16)
}

fn failure_code() -> impl Strategy<Value = u32> {
    (1u32..).prop_filter("not ecServerBusy", |c| *c != SERVER_BUSY)
}

/// ReturnValue of a response with no fields but ReturnValue.
fn plain() -> common::Returns<NoFields, NoFields> {
    outcome_in(failure_code(), Just(NoFields), Just(NoFields))
}

/// A pair of the ROP `$v` on LogonId 0 and any input handle (see `answered!`).
macro_rules! pair {
    ($v:ident: $q:ident { $($f:tt)* } => $($r:tt)*) => {
        answered!($v: $q { logon_id: Just(0), input_handle_index: idx(), $($f)* } => $($r)*)
    };
}

/// The status a PutBuffer response gives in success and failure alike, as a `$t` whose counts
/// are `$n`s.
macro_rules! put_status {
    ($t:ident, $n:ty) => {
        fields!($t {
            transfer_status: any::<u16>(),
            in_progress_count: any::<$n>(),
            total_step_count: any::<$n>(),
            reserved: Just(0),
            buffer_used_size: any::<u16>(),
        })
    };
}

fn get_buffer_body() -> common::Returns<GetBufferSuccess<'static>, GetBufferFailure<'static>> {
    let success = fields!(GetBufferSuccess {
        transfer_status: (0u16..4).prop_map(TransferStatus),
        in_progress_count: any::<u16>(),
        total_step_count: any::<u16>(),
        reserved: Just(0),
        transfer_buffer: bytes16(64),
    });
    let busy = any::<u32>().prop_map(|t| GetBufferFailure {
        backoff_time: Some(t),
        status: None,
    });
    // The long failure layout some servers send: the success fields, TransferStatus Error.
    let long = fields!(GetBufferSuccess {
        transfer_status: Just(TransferStatus::ERROR),
        in_progress_count: any::<u16>(),
        total_step_count: any::<u16>(),
        reserved: any::<u8>(),
        transfer_buffer: bytes16(8),
    });
    prop_oneof![
        success.prop_map(|s| (0, Outcome::Success(s))),
        busy.prop_map(|f| (SERVER_BUSY, Outcome::Failure(f))),
        failure_code().prop_map(|rv| (rv, Outcome::Failure(GetBufferFailure::default()))),
        (failure_code(), long).prop_map(|(rv, s)| (
            rv,
            Outcome::Failure(GetBufferFailure {
                backoff_time: None,
                status: Some(s),
            })
        )),
    ]
    .boxed()
}

/// RopFastTransferSourceGetBuffer: MaximumBufferSize is there exactly when BufferSize is the
/// sentinel 0xBABE.
fn get_buffer_request() -> impl Strategy<Value = FastTransferSourceGetBufferRequest> {
    let sizes = prop_oneof![
        any::<u16>()
            .prop_filter("not the sentinel", |b| *b != 0xBABE)
            .prop_map(|b| (b, None)),
        any::<u16>().prop_map(|m| (0xBABE, Some(m))),
    ];
    (idx(), sizes).prop_map(|(i, (buffer_size, maximum_buffer_size))| {
        FastTransferSourceGetBufferRequest {
            logon_id: 0,
            input_handle_index: i,
            buffer_size,
            maximum_buffer_size,
        }
    })
}

fn pairs() -> impl Strategy<Value = common::Pair> {
    let data = || bytes16(64);
    let message_ids = vec(mid(), 0..5).prop_map(List16);
    prop_oneof![
        pair!(FastTransferDestinationConfigure: FastTransferDestinationConfigureRequest {
            output_handle_index: idx(), source_operation: any::<u8>(), copy_flags: any::<u8>()
        } => FastTransferDestinationConfigureResponse(Output, plain())),
        pair!(FastTransferDestinationPutBuffer: FastTransferDestinationPutBufferRequest {
            transfer_data: data()
        } => FastTransferDestinationPutBufferResponse(Input, outcome(
            put_status!(PutBufferStatus, u16),
            put_status!(PutBufferStatus, u16)
        ))),
        pair!(FastTransferDestinationPutBufferExtended: FastTransferDestinationPutBufferRequest {
            transfer_data: data()
        } => FastTransferDestinationPutBufferExtendedResponse(Input, outcome(
            put_status!(PutBufferExtendedStatus, u32),
            put_status!(PutBufferExtendedStatus, u32)
        ))),
        answered!(FastTransferSourceGetBuffer, get_buffer_request(),
            Input => FastTransferSourceGetBufferResponse, get_buffer_body()),
        pair!(FastTransferSourceCopyFolder: FastTransferSourceCopyFolderRequest {
            output_handle_index: idx(), copy_flags: any::<u8>(), send_options: any::<u8>()
        } => FastTransferSourceCopyFolderResponse(Output, plain())),
        pair!(FastTransferSourceCopyMessages: FastTransferSourceCopyMessagesRequest {
            output_handle_index: idx(), message_ids, copy_flags: any::<u8>(),
            send_options: any::<u8>()
        } => FastTransferSourceCopyMessagesResponse(Output, plain())),
        pair!(FastTransferSourceCopyTo: FastTransferSourceCopyToRequest {
            output_handle_index: idx(), level: any::<u8>(), copy_flags: any::<u32>(),
            send_options: any::<u8>(), property_tags: tags()
        } => FastTransferSourceCopyToResponse(Output, plain())),
        pair!(FastTransferSourceCopyProperties: FastTransferSourceCopyPropertiesRequest {
            output_handle_index: idx(), level: any::<u8>(), copy_flags: any::<u8>(),
            send_options: any::<u8>(), property_tags: tags()
        } => FastTransferSourceCopyPropertiesResponse(Output, plain())),
        pair!(TellVersion: TellVersionRequest { version: any::<[u16; 3]>().prop_map(ServerVersion) }
            => TellVersionResponse(Input, plain())),
    ]
}

pair_tests!(256, HANDLES; request_and_response_round_trip(pairs()));

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary bytes after a Fast Transfer RopId: whatever decodes re-encodes to the bytes
    /// it used.
    #[test]
    fn arbitrary_request_bytes(
        id in prop::sample::select(vec![0x53u8, 0x54, 0x9D, 0x4E, 0x4C, 0x4B, 0x4D, 0x69, 0x86]),
        body in vec(any::<u8>(), 0..48),
    ) {
        check_request_bytes(id, &body)?;
    }

    /// Arbitrary response bytes against a decoded request of the same RopId.
    #[test]
    fn arbitrary_response_bytes((req, _) in pairs(), body in vec(any::<u8>(), 0..48)) {
        check_response_bytes(req, &body, &HANDLES)?;
    }
}
