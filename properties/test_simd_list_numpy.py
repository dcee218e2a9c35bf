"""Zero-copy SimdList <-> NumPy (and any buffer): shared memory, lifetimes, refusals.

A C-contiguous, aligned, one-dimensional int64 / float64 buffer is viewed, not
copied: writes on either side are seen on the other, and the exporter lives as
long as a SimdList views it. The buffer a SimdList exports is format 'q' or
'd', itemsize 8, C-contiguous, and writable exactly when its memory is.
Everything else is refused with a clear TypeError / ValueError, or copied when
``copy=True`` asks for it.
"""

from __future__ import annotations

import array
import ctypes
import gc
import sys
import threading
import weakref

import pytest
from collection_strategies import float64_lists, int64_lists
from hypothesis import given
from hypothesis import strategies as st

import dxpy

np = pytest.importorskip("numpy")

pytestmark = [pytest.mark.task("5.4"), pytest.mark.task("6.6")]


@given(values=st.one_of(int64_lists(), float64_lists()))
def test_ndarray_and_simd_list_share_memory_both_ways(values):
    dtype = np.int64 if all(isinstance(v, int) for v in values) else np.float64
    source = np.array(values, dtype=dtype)
    simd_list = dxpy.SimdList(source)
    back = np.asarray(simd_list)
    assert back.dtype == dtype and back.shape == source.shape
    assert simd_list.dtype == np.dtype(dtype).name
    if len(values):
        assert np.shares_memory(source, simd_list)
        assert np.shares_memory(back, source)
    np.testing.assert_array_equal(back, source)


def test_writes_are_seen_on_both_sides():
    source = np.arange(10, dtype=np.int64)
    simd_list = dxpy.SimdList(source)
    source[3] = -7
    assert simd_list[3] == -7
    simd_list[4] = 2**62
    assert source[4] == 2**62
    view = np.asarray(simd_list)
    view[5] = 55
    assert source[5] == 55 and simd_list[5] == 55
    assert simd_list.sum() == int(source.sum())


def test_the_exporter_lives_while_viewed():
    source = np.arange(1000, dtype=np.float64)
    collected = weakref.ref(source)
    base_references = sys.getrefcount(source)
    simd_list = dxpy.SimdList(source)
    assert sys.getrefcount(source) == base_references + 1  # held by the buffer export
    del source
    gc.collect()
    assert collected() is not None
    assert simd_list.sum() == sum(range(1000))
    del simd_list
    gc.collect()
    assert collected() is None


def test_exported_views_keep_the_simd_list_alive():
    simd_list = dxpy.SimdList([1.5, 2.5, 3.5])
    collected = weakref.ref(simd_list)
    view = np.asarray(simd_list)
    del simd_list
    gc.collect()
    assert collected() is not None
    assert view.tolist() == [1.5, 2.5, 3.5]
    del view
    gc.collect()
    assert collected() is None


def test_results_are_new_owning_lists():
    source = np.arange(-8, 8, dtype=np.int64)
    simd_list = dxpy.SimdList(source)
    for result in (simd_list.filter_gt(0), simd_list.map_mul2(), simd_list[::2]):
        assert not np.shares_memory(np.asarray(result), source)
    assert simd_list.map_mul2().tolist() == (source * 2).tolist()
    assert simd_list.filter_gt(0).tolist() == source[source > 0].tolist()


def test_exported_buffer_describes_the_elements():
    ints = memoryview(dxpy.SimdList([1, 2, 3]))
    floats = memoryview(dxpy.SimdList([1.0, 2.0]))
    assert (ints.format, ints.itemsize, ints.ndim, ints.shape, ints.strides) == (
        "q",
        8,
        1,
        (3,),
        (8,),
    )
    assert (floats.format, floats.itemsize) == ("d", 8)
    assert ints.c_contiguous and not ints.readonly
    assert ints.tolist() == [1, 2, 3]
    assert memoryview(dxpy.SimdList([])).tobytes() == b""


def test_other_buffers_are_viewed_too():
    numbers = array.array("q", [5, 6, 7])
    simd_list = dxpy.SimdList(numbers)
    simd_list[0] = 50
    assert numbers[0] == 50
    with pytest.raises(BufferError):
        numbers.append(8)  # an exported array cannot resize
    again = dxpy.SimdList(simd_list)  # a SimdList is a buffer as well
    again[1] = 60
    assert simd_list[1] == 60 and numbers[1] == 60


def test_read_only_buffers_give_read_only_lists():
    source = np.arange(4, dtype=np.int64)
    source.flags.writeable = False
    simd_list = dxpy.SimdList(source)
    assert simd_list.readonly
    assert simd_list.sum() == 6
    with pytest.raises(TypeError, match="read-only"):
        simd_list[0] = 1
    assert simd_list.tolist() == [0, 1, 2, 3]
    assert not np.asarray(simd_list).flags.writeable
    with pytest.raises((BufferError, TypeError)):
        ctypes.c_int64.from_buffer(simd_list)  # asks for a writable buffer
    copied = dxpy.SimdList(source, copy=True)
    copied[0] = 9
    assert not copied.readonly and source[0] == 0


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: np.arange(10, dtype=np.int64)[::2], ValueError, "C-contiguous"),
        (lambda: np.arange(10, dtype=np.int32), TypeError, "not format 'i'"),
        (lambda: np.arange(10, dtype=np.uint64), TypeError, "not format 'L'"),
        (lambda: np.arange(10, dtype=np.float32), TypeError, "not format 'f'"),
        (lambda: np.zeros((2, 3), dtype=np.int64), ValueError, "one-dimensional"),
        (
            lambda: np.frombuffer(bytes(80), dtype=np.int64, count=9, offset=1),
            ValueError,
            "aligned",
        ),
        (lambda: np.arange(4, dtype=">i8"), TypeError, "format '>q'"),
    ],
)
def test_buffers_that_cannot_be_viewed_are_refused_or_copied(make, error, message):
    source = make()
    with pytest.raises(error, match=message):
        dxpy.SimdList(source)
    if source.ndim != 1:
        return
    copied = dxpy.SimdList(source, copy=True)
    assert copied.tolist() == source.tolist()
    assert not np.shares_memory(np.asarray(copied), source)


def test_dtype_mismatch_is_refused_or_converted():
    source = np.arange(3, dtype=np.int64)
    with pytest.raises(TypeError, match="cannot view a buffer of int64 elements"):
        dxpy.SimdList(source, dtype="float64")
    converted = dxpy.SimdList(source, dtype=np.float64, copy=True)
    assert converted.dtype == "float64" and converted.tolist() == [0.0, 1.0, 2.0]
    assert dxpy.SimdList(source, dtype=np.dtype("int64")).dtype == "int64"


def test_long_kernels_release_the_gil():
    """A thread that wants the GIL runs while the main thread is inside a long
    kernel. With a switch interval of 100 s, the main thread would otherwise
    keep the GIL until it blocks."""
    simd_list = dxpy.SimdList(np.ones(4_000_000, dtype=np.float64))
    go = threading.Event()
    ran: list[bool] = []

    def worker():
        go.wait()
        ran.append(True)

    thread = threading.Thread(target=worker)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    try:
        thread.start()
        go.set()
        # Each call is a chance (the OS may be slow to wake the worker); without
        # a release inside the kernels, none of them lets the worker in.
        for _ in range(200):
            simd_list.sum(engine="scalar")
            if ran:
                break
        ran_during_kernel = bool(ran)
    finally:
        sys.setswitchinterval(interval)
        thread.join()
    assert ran_during_kernel
