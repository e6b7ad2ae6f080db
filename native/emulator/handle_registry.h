// Opaque JET handles. A handle is never a pointer: it names a slot of a registry plus the
// generation the slot had when the handle was issued, so a stale, foreign or made-up value is
// recognised and refused instead of being dereferenced.
//
// Objects live in slots that are never freed, only recycled, so a thread that has just looked
// a handle up can always touch the object safely; it then confirms the generation again in the
// same atomic word that counts calls in flight (see PooledObject).
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

namespace emu {

enum class HandleKind : std::uint32_t { kInstance = 1, kSession = 2 };

// Base of everything a registry hands out.
//
// `word_` packs the slot generation (high 32 bits; odd while the object is live) and the
// number of API calls in flight on it (low 32 bits). Keeping both in one word lets a call
// enter with a single compare-exchange that fails both for a stale handle and for a session
// that is already busy.
class PooledObject {
 public:
  static constexpr std::uint64_t kCallMask = 0xFFFFFFFFull;

  static std::uint32_t GenerationOf(std::uint64_t word) { return static_cast<std::uint32_t>(word >> 32); }
  static std::uint32_t CallsOf(std::uint64_t word) { return static_cast<std::uint32_t>(word & kCallMask); }
  static bool IsLiveGeneration(std::uint32_t generation) { return (generation & 1u) != 0; }

  std::uint64_t Word() const { return word_.load(std::memory_order_acquire); }
  std::uint32_t SlotIndex() const { return index_; }

 protected:
  template <typename T>
  friend class HandleRegistry;

  std::atomic<std::uint64_t> word_{0};
  std::uint32_t index_ = 0;
};

// Handle layout. The high bits stay clear so that all-bits-set is never a valid handle, and on
// 64-bit targets every handle is below 2^53 so JavaScript numbers could carry it exactly.
struct HandleLayout {
#if UINTPTR_MAX > 0xFFFFFFFFu
  static constexpr unsigned kIndexBits = 24;
  static constexpr unsigned kKindBits = 4;
  static constexpr unsigned kGenerationBits = 25;
  static constexpr std::uint32_t kMaxSlots = 1u << 20;
#else
  static constexpr unsigned kIndexBits = 18;
  static constexpr unsigned kKindBits = 2;
  static constexpr unsigned kGenerationBits = 11;
  static constexpr std::uint32_t kMaxSlots = (1u << 18) - 1;
#endif
  static constexpr std::uintptr_t kIndexMask = (std::uintptr_t(1) << kIndexBits) - 1;
  static constexpr std::uintptr_t kKindMask = (std::uintptr_t(1) << kKindBits) - 1;
  static constexpr std::uintptr_t kGenerationMask = (std::uintptr_t(1) << kGenerationBits) - 1;
};

template <typename T>
class HandleRegistry {
 public:
  static constexpr std::uint32_t kChunkShift = 8;
  static constexpr std::uint32_t kChunkSize = 1u << kChunkShift;
  static constexpr std::uint32_t kMaxChunks = (HandleLayout::kMaxSlots + kChunkSize - 1) / kChunkSize;

  explicit HandleRegistry(HandleKind kind) : kind_(kind) {
    for (auto &chunk : chunks_) chunk.store(nullptr, std::memory_order_relaxed);
  }
  HandleRegistry(const HandleRegistry &) = delete;
  HandleRegistry &operator=(const HandleRegistry &) = delete;

  // Reserves a free slot. The object is not reachable through any handle until Publish, so the
  // caller can initialise it without racing stale-handle lookups. Null when every slot is taken.
  T *Reserve() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::uint32_t index;
    if (!free_.empty()) {
      index = free_.front();
      free_.pop_front();
    } else {
      if (used_ >= HandleLayout::kMaxSlots) return nullptr;
      index = used_;
      const std::uint32_t chunk = index >> kChunkShift;
      if (chunks_[chunk].load(std::memory_order_relaxed) == nullptr) {
        T *objects = new T[kChunkSize];
        for (std::uint32_t i = 0; i < kChunkSize; ++i) objects[i].index_ = (chunk << kChunkShift) + i;
        chunks_[chunk].store(objects, std::memory_order_release);
      }
      ++used_;
    }
    return Slot(index);
  }

  // Returns a slot obtained from Reserve that will not be published after all.
  void Unreserve(T *object) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(object->index_);
  }

  // Makes the object live and returns its handle.
  std::uintptr_t Publish(T *object) {
    const std::uint32_t generation = GenerationOf(object) + 1;
    object->word_.store(std::uint64_t(generation) << 32, std::memory_order_release);
    return Encode(object->index_, generation);
  }

  // The live object a handle names, or null. Lock-free.
  T *Find(std::uintptr_t handle) const {
    std::uint32_t index;
    std::uint32_t generationBits;
    if (!Decode(handle, &index, &generationBits)) return nullptr;
    T *chunk = chunks_[index >> kChunkShift].load(std::memory_order_acquire);
    if (chunk == nullptr) return nullptr;
    T *object = &chunk[index & (kChunkSize - 1)];
    return Matches(*object, generationBits, object->Word()) ? object : nullptr;
  }

  // Whether `handle` still names `object` in the given packed word.
  static bool StillNames(std::uintptr_t handle, std::uint64_t word) {
    const std::uint32_t generation = PooledObject::GenerationOf(word);
    return PooledObject::IsLiveGeneration(generation) &&
           ((generation >> 1) & HandleLayout::kGenerationMask) ==
               ((handle >> (HandleLayout::kIndexBits + HandleLayout::kKindBits)) & HandleLayout::kGenerationMask);
  }

  std::uintptr_t HandleOf(const T *object) const { return Encode(object->index_, GenerationOf(object)); }

  // Ends the object's life: every handle to it becomes stale. Waits until exactly
  // `callsHeldByCaller` calls are in flight (the caller's own, if it is inside a call on it).
  void Retire(T *object, std::uint32_t callsHeldByCaller) {
    std::uint64_t word = object->word_.load(std::memory_order_acquire);
    for (;;) {
      if (PooledObject::CallsOf(word) != callsHeldByCaller) {
        std::this_thread::yield();
        word = object->word_.load(std::memory_order_acquire);
        continue;
      }
      const std::uint64_t retired = std::uint64_t(PooledObject::GenerationOf(word) + 1) << 32;
      if (object->word_.compare_exchange_weak(word, retired, std::memory_order_acq_rel, std::memory_order_acquire)) {
        break;
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(object->index_);
  }

 private:
  static std::uint32_t GenerationOf(const T *object) { return PooledObject::GenerationOf(object->Word()); }

  static bool Matches(const T &, std::uint32_t generationBits, std::uint64_t word) {
    const std::uint32_t generation = PooledObject::GenerationOf(word);
    return PooledObject::IsLiveGeneration(generation) &&
           ((generation >> 1) & HandleLayout::kGenerationMask) == generationBits;
  }

  std::uintptr_t Encode(std::uint32_t index, std::uint32_t generation) const {
    return (std::uintptr_t(index) + 1) |
           (std::uintptr_t(static_cast<std::uint32_t>(kind_)) << HandleLayout::kIndexBits) |
           (((std::uintptr_t(generation) >> 1) & HandleLayout::kGenerationMask)
            << (HandleLayout::kIndexBits + HandleLayout::kKindBits));
  }

  bool Decode(std::uintptr_t handle, std::uint32_t *index, std::uint32_t *generationBits) const {
    const std::uintptr_t slot = handle & HandleLayout::kIndexMask;
    const std::uintptr_t kind = (handle >> HandleLayout::kIndexBits) & HandleLayout::kKindMask;
    const unsigned usedBits = HandleLayout::kIndexBits + HandleLayout::kKindBits + HandleLayout::kGenerationBits;
    if (usedBits < sizeof(std::uintptr_t) * 8 && (handle >> usedBits) != 0) return false;
    if (slot == 0 || slot > HandleLayout::kMaxSlots || kind != static_cast<std::uint32_t>(kind_)) return false;
    *index = static_cast<std::uint32_t>(slot - 1);
    *generationBits = static_cast<std::uint32_t>(
        (handle >> (HandleLayout::kIndexBits + HandleLayout::kKindBits)) & HandleLayout::kGenerationMask);
    return true;
  }

  T *Slot(std::uint32_t index) const {
    return &chunks_[index >> kChunkShift].load(std::memory_order_acquire)[index & (kChunkSize - 1)];
  }

  const HandleKind kind_;
  std::atomic<T *> chunks_[kMaxChunks];
  std::mutex mutex_;
  std::deque<std::uint32_t> free_;  // first in, first out: a slot is reused as late as possible
  std::uint32_t used_ = 0;
};

}  // namespace emu
